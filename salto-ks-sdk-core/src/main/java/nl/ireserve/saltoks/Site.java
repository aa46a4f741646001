package nl.ireserve.saltoks;

import java.time.ZoneId;
import javax.annotation.Nullable;

/**
 * A SALTO KS site as the Connect API returns it.
 *
 * @param id the site's UUID: the value every API path needs (manual 1.3, "Site ID (UUID)")
 * @param siteUid the human site UID SALTO hands out, such as {@code NL6254340082} (manual 1.2)
 * @param name the site's display name ({@code customer_reference})
 * @param timeZone the site's IANA time zone, or {@code null} when SALTO sent none or an unknown one
 */
public record Site(String id, String siteUid, String name, @Nullable ZoneId timeZone) {}
