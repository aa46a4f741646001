package nl.ireserve.saltoks.mapping;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The result of {@link MappingService#audit}: every finding, ordered by object.
 *
 * @param findings the findings; empty when the mapping is clean
 */
public record MappingAudit(List<AuditFinding> findings) {

  /** Copies the list. */
  public MappingAudit {
    findings = List.copyOf(findings);
  }

  /** Whether nothing was found. */
  public boolean isClean() {
    return findings.isEmpty();
  }

  /**
   * The findings of one kind.
   *
   * @param kind the kind
   * @return those findings
   */
  public List<AuditFinding> of(AuditFinding.Kind kind) {
    return findings.stream().filter(f -> f.kind() == kind).collect(Collectors.toList());
  }

  /**
   * The findings about one object.
   *
   * @param objectId the object
   * @return those findings
   */
  public List<AuditFinding> about(String objectId) {
    return findings.stream().filter(f -> f.objectId().equals(objectId)).collect(Collectors.toList());
  }
}
