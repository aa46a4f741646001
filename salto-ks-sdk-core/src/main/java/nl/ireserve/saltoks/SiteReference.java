package nl.ireserve.saltoks;

import java.time.ZoneId;
import java.util.Optional;
import javax.annotation.Nullable;
import nl.ireserve.saltoks.internal.Checks;

/**
 * A site as "Retrieve and save Site ID" saves it (manual 1.3): its UID, its UUID, its name and time
 * zone, and the environment it was retrieved from. Store these fields; rebuild with {@link #of}.
 *
 * <p>The client refuses a reference from another environment ({@link SaltoKsClient#locks(SiteReference)}
 * and the like): acceptance and production are separate installations, and a site UUID from one means
 * nothing, or another site, in the other.
 *
 * @param environment the environment's name ({@code acceptance}, {@code production}, {@code custom})
 * @param apiUrl the Connect API URL of that environment
 * @param siteUid the human site UID
 * @param siteId the site UUID used in API paths
 * @param name the site's display name
 * @param timeZone the site's IANA time zone id, or {@code null} when SALTO sent none
 */
public record SiteReference(
    String environment,
    String apiUrl,
    String siteUid,
    String siteId,
    String name,
    @Nullable String timeZone) {

  /** Validates the fields. */
  public SiteReference {
    Checks.text("environment", environment, 32);
    Checks.text("apiUrl", apiUrl, 2048);
    Checks.text("siteUid", siteUid, 64);
    siteId = Checks.uuid("siteId", siteId);
    Checks.notNull("name", name);
  }

  /**
   * A reference to a site read in an environment.
   *
   * @param environment where the site was read
   * @param site the site
   * @return the reference
   */
  public static SiteReference of(SaltoEnvironment environment, Site site) {
    return new SiteReference(
        environment.name(),
        environment.apiUrl().toString(),
        site.siteUid(),
        site.id(),
        site.name(),
        site.timeZone() == null ? null : site.timeZone().getId());
  }

  /** Whether this reference was retrieved from that environment. */
  public boolean belongsTo(SaltoEnvironment env) {
    return apiUrl.equals(env.apiUrl().toString());
  }

  /** The site's time zone, if known and valid. */
  public Optional<ZoneId> zone() {
    try {
      return timeZone == null ? Optional.empty() : Optional.of(ZoneId.of(timeZone));
    } catch (java.time.DateTimeException e) {
      return Optional.empty();
    }
  }
}
