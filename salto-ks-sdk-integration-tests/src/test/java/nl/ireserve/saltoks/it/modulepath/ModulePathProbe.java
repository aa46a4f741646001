package nl.ireserve.saltoks.it.modulepath;

import nl.ireserve.saltoks.Lock;
import nl.ireserve.saltoks.SaltoCredentials;
import nl.ireserve.saltoks.SaltoEnvironment;
import nl.ireserve.saltoks.SaltoKsClient;
import nl.ireserve.saltoks.SiteClient;
import nl.ireserve.saltoks.exception.SaltoNotFoundException;
import nl.ireserve.saltoks.iq.IqKey;

/**
 * Run by {@link ModulePathIT} in a JVM of its own, with {@code salto-ks-sdk-core} and its dependencies on
 * the module path and only this class on the class path: a host on the module path reads a site, its
 * locks, opens a door and gets a typed error, through Feign and Jackson inside a named module.
 *
 * <p>Arguments: identity URL, API URL, client id, client secret, username, password, site UID, IQ id, IQ
 * secret, IQ PIN. Prints one line per fact; the test reads them.
 */
public final class ModulePathProbe {
  private ModulePathProbe() {}

  public static void main(String[] args) {
    Module core = SaltoKsClient.class.getModule();
    System.out.println("module=" + core.getName());
    System.out.println("internalExported=" + core.isExported("nl.ireserve.saltoks.internal"));
    SaltoEnvironment fake = SaltoEnvironment.custom("fake", args[0], args[1]);
    try (SaltoKsClient client = SaltoKsClient.builder()
        .environment(fake)
        .credentials(SaltoCredentials.of(args[2], args[3], args[4], args[5]))
        .build()) {
      SiteClient site = client.site(client.sites().retrieve(args[6]));
      Lock first = site.locks().list().get(0);
      System.out.println("lock=" + first.name());
      site.locks().open(first.id(), new IqKey(args[7], args[8], args[9]));
      System.out.println("opened=" + first.id());
      try {
        site.locks().get("00000000-0000-0000-0000-000000000000");
        System.out.println("missing=found");
      } catch (SaltoNotFoundException e) {
        System.out.println("missing=" + e.getClass().getSimpleName());
      }
    }
  }
}
