package nl.ireserve.saltoks;

import java.util.List;
import nl.ireserve.saltoks.exception.SaltoNotFoundException;

/** The IQs (gateways) of one site. Obtained from {@link SiteClient#iqs()}. */
public interface Iqs {
  /**
   * Lists every IQ of the site, following every page.
   *
   * @return the IQs
   */
  List<Iq> list();

  /**
   * Reads one IQ.
   *
   * @param iqId the IQ's UUID
   * @return the IQ
   * @throws SaltoNotFoundException when the site has no such IQ
   */
  Iq get(String iqId);
}
