package nl.ireserve.saltoks;

import java.util.List;
import java.util.Optional;
import nl.ireserve.saltoks.exception.SaltoNotFoundException;
import nl.ireserve.saltoks.exception.SaltoSiteNotFoundException;

/** The sites the KS service account can see. Obtained from {@link SaltoKsClient#sites()}. */
public interface Sites {
  /**
   * Lists every site this account can see, following every page.
   *
   * @return the sites, in SALTO's order
   */
  List<Site> list();

  /**
   * Reads one site.
   *
   * @param siteId the site's UUID (not its human site UID)
   * @return the site
   * @throws SaltoNotFoundException when this account has no such site in this environment
   */
  Site get(String siteId);

  /**
   * Finds a site by its human site UID (for example {@code NL6254340082}): "Retrieve Site ID" of
   * manual 1.3. The match ignores case and surrounding whitespace.
   *
   * @param siteUid the site UID SALTO handed out
   * @return the site, or empty when this account sees no site with that UID
   */
  Optional<Site> findByUid(String siteUid);

  /**
   * "Retrieve and save Site ID" (manual 1.3): finds the site by its UID. The site remembers this
   * environment; save its fields.
   *
   * @param siteUid the site UID SALTO handed out
   * @return the site to save
   * @throws SaltoSiteNotFoundException when this account sees no such site; the message lists what
   *     it does see and what to check
   */
  Site retrieve(String siteUid);
}
