package nl.ireserve.saltoks;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import nl.ireserve.saltoks.internal.Checks;

/**
 * A SALTO KS site, as "Retrieve and save Site ID" saves it (manual 1.3): its UUID, its human site
 * UID, its name and time zone, and the environment it was read from. Every site the client returns
 * carries its environment, so one value is both what {@link Sites} lists and what a host stores.
 * Store these fields; rebuild the record from them with its constructor.
 *
 * <p>{@link SaltoKsClient#site(Site)} refuses a site of another environment: acceptance and
 * production are separate installations, and a site UUID from one means nothing, or another site, in
 * the other.
 *
 * @param environment the environment's name ({@code acceptance}, {@code production}, {@code custom})
 * @param apiUrl the Connect API URL of that environment
 * @param siteUid the human site UID SALTO hands out, such as {@code NL6254340082} (manual 1.2);
 *     empty when SALTO sent none
 * @param id the site's UUID: the value every API path needs (manual 1.3, "Site ID (UUID)")
 * @param name the site's display name ({@code customer_reference})
 * @param timeZone the site's IANA time zone id, or {@code null} when SALTO sent none
 */
public record Site(
    String environment,
    String apiUrl,
    String siteUid,
    String id,
    String name,
    @Nullable String timeZone) {

  /** Validates the fields. */
  public Site {
    Checks.text("environment", environment, 32);
    Checks.text("apiUrl", apiUrl, 2048);
    Checks.notNull("siteUid", siteUid);
    id = Checks.uuid("id", id);
    Checks.notNull("name", name);
  }

  /** Whether this site was read from that environment. */
  public boolean belongsTo(SaltoEnvironment env) {
    return apiUrl.equals(env.apiUrl().toString());
  }

  /** The site's time zone, if SALTO sent a valid one. */
  public Optional<ZoneId> zone() {
    try {
      return timeZone == null ? Optional.empty() : Optional.of(ZoneId.of(timeZone));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }
}
