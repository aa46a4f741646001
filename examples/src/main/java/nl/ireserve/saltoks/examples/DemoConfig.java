package nl.ireserve.saltoks.examples;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import nl.ireserve.saltoks.SaltoEnvironment;

/**
 * Where the walkthrough runs and with what. Without settings it runs on the embedded fake. With a
 * properties file ({@code --config FILE}) or {@code SALTO_ENVIRONMENT} in the environment, it runs
 * against SALTO itself; production only with {@code --allow-production}.
 *
 * <pre>
 * property (file)        environment variable      meaning
 * salto.environment      SALTO_ENVIRONMENT         acceptance | production
 * salto.clientId         SALTO_CLIENT_ID           from the SALTO KS developer portal
 * salto.clientSecret     SALTO_CLIENT_SECRET
 * salto.username         SALTO_USERNAME            the KS service account
 * salto.password         SALTO_PASSWORD
 * salto.siteUid          SALTO_SITE_UID            e.g. NL6254340082
 * salto.iqId             SALTO_IQ_ID               optional: the IQ to check or activate
 * salto.iqSecret         SALTO_IQ_SECRET           optional: a stored IQ key (with salto.iqPin)
 * salto.iqPin            SALTO_IQ_PIN
 * salto.room101LockId    SALTO_ROOM101_LOCK_ID     optional: the lock to link Room 101 to
 * salto.room102LockId    SALTO_ROOM102_LOCK_ID     optional: the lock to link Room 102 to
 * salto.open             SALTO_OPEN                true: really open Room 101's door
 * </pre>
 */
final class DemoConfig {
  private final Properties props;
  private final Map<String, String> env;
  final boolean real;
  final boolean allowProduction;

  private DemoConfig(Properties props, Map<String, String> env, boolean real, boolean allowProduction) {
    this.props = props;
    this.env = env;
    this.real = real;
    this.allowProduction = allowProduction;
  }

  static DemoConfig parse(String[] args, Map<String, String> env) throws IOException {
    Properties props = new Properties();
    boolean fromFile = false;
    boolean allowProduction = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--config":
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException("--config needs a file name");
          }
          try (Reader r = Files.newBufferedReader(Path.of(args[++i]), StandardCharsets.UTF_8)) {
            props.load(r);
          }
          fromFile = true;
          break;
        case "--allow-production":
          allowProduction = true;
          break;
        default:
          throw new IllegalArgumentException("unknown argument " + args[i] + " (use --config FILE, --allow-production)");
      }
    }
    boolean real = fromFile || env.containsKey("SALTO_ENVIRONMENT");
    DemoConfig c = new DemoConfig(props, env, real, allowProduction
        || "true".equalsIgnoreCase(props.getProperty("salto.allowProduction")));
    return c;
  }

  SaltoEnvironment environment() {
    SaltoEnvironment e = SaltoEnvironment.named(required("salto.environment", "SALTO_ENVIRONMENT"));
    if (e == SaltoEnvironment.PRODUCTION && !allowProduction) {
      throw new IllegalArgumentException("Refusing to run against PRODUCTION: the walkthrough links"
          + " objects and can open doors. Test on acceptance first (manual 1.1), or pass --allow-production.");
    }
    return e;
  }

  String required(String property, String variable) {
    return get(property, variable).orElseThrow(() -> new IllegalArgumentException(
        "missing setting: " + property + " in the --config file, or " + variable + " in the environment"));
  }

  /** A setting exactly as given (not trimmed: the access test reports stray spaces). */
  Optional<String> get(String property, String variable) {
    @Nullable String v = props.getProperty(property);
    if (v == null) {
      v = env.get(variable);
    }
    return Optional.ofNullable(v).filter(s -> !s.isEmpty());
  }

  boolean flag(String property, String variable) {
    return get(property, variable).map(s -> s.strip().toLowerCase(Locale.ROOT).equals("true")).orElse(false);
  }
}
