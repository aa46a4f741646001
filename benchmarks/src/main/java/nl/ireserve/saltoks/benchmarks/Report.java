package nl.ireserve.saltoks.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Turns JMH's JSON result into the Markdown table of BENCHMARKS.md: each figure with its error, its
 * baseline and ratio where it has one, and the target it is held against.
 */
public final class Report {
  private Report() {}

  /** One row's rule. */
  private record Rule(String number, String what, String baseline, double target, boolean ratio, String p) {}

  private static final Map<String, Rule> RULES = new LinkedHashMap<>();

  static {
    RULES.put("HttpBenchmarks.readLock_sdk", new Rule("1", "read a lock: SaltoKsClient, p50", "HttpBenchmarks.readLock_rawOkHttp", 1.10, true, "50.0"));
    RULES.put("HttpBenchmarks.readLock_rawOkHttp", new Rule("1", "read a lock: raw OkHttp + Jackson (baseline), p50", null, 0, false, "50.0"));
    RULES.put("HttpBenchmarks.openDoor_sdkFlow", new Rule("2", "open a door: whole AccessService flow, p50", "HttpBenchmarks.openDoor_rawOkHttp", 1.10, true, "50.0"));
    RULES.put("HttpBenchmarks.openDoor_rawOkHttp", new Rule("2", "open a door: raw OkHttp PATCH (baseline), p50", null, 0, false, "50.0"));
    RULES.put("CoreBenchmarks.token_cached_1thread", new Rule("3", "cached token, 1 thread", null, 50, false, null));
    RULES.put("CoreBenchmarks.token_cached_8threads", new Rule("3", "cached token, 8 threads on 2 cores", null, 0, false, null));
    RULES.put("CoreBenchmarks.policy_evaluate", new Rule("4", "policy evaluation", null, 200, false, null));
    RULES.put("CoreBenchmarks.otp_generate", new Rule("5", "OTP generation", null, 2000, false, null));
    RULES.put("MappingBenchmarks.mapping_keyOnly_baseline", new Rule("6", "making the random key (baseline)", null, 0, false, null));
    RULES.put("MappingBenchmarks.mapping_inMemory", new Rule("6", "lookup, in memory, 100 000 links", null, 1000, false, null));
    RULES.put("MappingBenchmarks.mapping_jdbcCached", new Rule("6", "lookup, PostgreSQL + cache", null, 1000, false, null));
    RULES.put("MappingBenchmarks.mapping_jdbcUncached", new Rule("6", "lookup, PostgreSQL uncached, p50", null, 0, false, "50.0"));
    RULES.put("MappingBenchmarks.mapping_jdbcUncached:p99", new Rule("6", "lookup, PostgreSQL uncached, p99", null, 1_000_000, false, "99.0"));
    RULES.put("GuardsBenchmarks.openDoor_jdbcGuards", new Rule("7", "open a door, guards in PostgreSQL, p50", "GuardsBenchmarks.openDoor_inMemoryGuards", 0, true, "50.0"));
    RULES.put("GuardsBenchmarks.openDoor_inMemoryGuards", new Rule("7", "open a door, guards in memory (baseline), p50", null, 0, false, "50.0"));
    RULES.put("GuardsBenchmarks.claim_postgres", new Rule("7", "one claim on PostgreSQL, p50", null, 0, false, "50.0"));
    RULES.put("HttpBenchmarks.readLock_observed", new Rule("8", "read a lock with a no-op observer, p50", "HttpBenchmarks.readLock_noObserver", 1.02, true, "50.0"));
    RULES.put("HttpBenchmarks.readLock_noObserver", new Rule("8", "read a lock, no observer (baseline), p50", null, 0, false, "50.0"));
    RULES.put("GuardsBenchmarks.claim_postgres:p99", new Rule("7", "one claim on PostgreSQL, p99", null, 2_000_000, false, "99.0"));
  }

  /**
   * Prints the table.
   *
   * @param args the JMH JSON result file
   * @throws IOException when it cannot be read
   */
  public static void main(String[] args) throws IOException {
    JsonNode results = new ObjectMapper().readTree(new File(args[0]));
    Map<String, JsonNode> byName = byName(results);
    String jdk = "";
    for (JsonNode r : results) {
      jdk = r.path("vmName").asText() + " " + r.path("jdkVersion").asText();
    }
    StringBuilder out = new StringBuilder();
    out.append("| # | what | score | baseline | ratio | target | met |\n|---|---|---|---|---|---|---|\n");
    int missed = 0;
    for (Map.Entry<String, Rule> e : RULES.entrySet()) {
      String key = e.getKey().replace(":p99", "");
      JsonNode r = byName.get(key);
      if (r == null) {
        continue;
      }
      Rule rule = e.getValue();
      JsonNode m = r.get("primaryMetric");
      String unit = m.get("scoreUnit").asText().replace("/op", "");
      double score = rule.p() == null ? m.get("score").asDouble() : m.get("scorePercentiles").get(rule.p()).asDouble();
      String scoreText = rule.p() == null
          ? String.format(Locale.ROOT, "%s ± %s %s", fmt(score), error(m.get("scoreError").asDouble()), unit)
          : String.format(Locale.ROOT, "%s %s (mean %s ± %s)", fmt(score), unit, fmt(m.get("score").asDouble()),
              error(m.get("scoreError").asDouble()));
      String baseline = "";
      String ratio = "";
      String target = "";
      String met = "";
      if (rule.ratio()) {
        JsonNode bm = byName.get(rule.baseline()).get("primaryMetric");
        double base = rule.p() == null ? bm.get("score").asDouble() : bm.get("scorePercentiles").get(rule.p()).asDouble();
        double q = score / base;
        baseline = fmt(base) + " " + unit;
        ratio = String.format(Locale.ROOT, "%.2f", q);
        if (rule.target() > 0) { // a ratio without a target is reported only
          target = "≤ " + rule.target();
          met = q <= rule.target() ? "yes" : "no";
        }
      } else if (rule.target() > 0) {
        double inNanos = toNanos(score, unit);
        target = rule.target() >= 1_000_000 ? "≤ " + fmt(rule.target() / 1_000_000) + " ms"
            : "≤ " + fmt(rule.target()) + " ns";
        met = inNanos <= rule.target() ? "yes" : "no";
      }
      if (met.equals("no")) {
        missed++;
      }
      out.append("| ").append(rule.number()).append(" | ").append(rule.what()).append(" | ").append(scoreText)
          .append(" | ").append(baseline).append(" | ").append(ratio).append(" | ").append(target).append(" | ")
          .append(met).append(" |\n");
    }
    out.append("\nJVM: ").append(jdk).append("; cores: ").append(Runtime.getRuntime().availableProcessors())
        .append("; targets missed: ").append(missed).append('\n');
    System.out.print(out);
  }

  private static double toNanos(double v, String unit) {
    switch (unit) {
      case "us":
        return v * 1_000;
      case "ms":
        return v * 1_000_000;
      default:
        return v;
    }
  }

  private static String error(double e) {
    return Double.isNaN(e) ? "n/a" : fmt(e);
  }

  /** Every result by its short name; a group's members (SDK and baseline, run together) as well. */
  private static Map<String, JsonNode> byName(JsonNode results) {
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    for (JsonNode r : results) {
      String name = r.get("benchmark").asText().replace("nl.ireserve.saltoks.benchmarks.", "");
      byName.put(name, r);
      String cls = name.substring(0, name.indexOf('.') + 1);
      r.path("secondaryMetrics").fields().forEachRemaining(e -> {
        com.fasterxml.jackson.databind.node.ObjectNode member = new ObjectMapper().createObjectNode();
        member.set("primaryMetric", e.getValue());
        byName.put(cls + e.getKey(), member);
      });
    }
    return byName;
  }

  private static String fmt(double v) {
    return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
  }
}
