package nl.ireserve.saltoks.it.mapping;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import nl.ireserve.saltoks.it.support.LocalPostgres;

/** Test helpers over the real PostgreSQL the suite starts. */
final class Db {
  private Db() {}

  static synchronized DataSource fresh(String name) {
    return LocalPostgres.get().newDatabase(name);
  }

  static void exec(DataSource ds, String sql) {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<List<String>> rows(DataSource ds, String sql) {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      List<List<String>> out = new ArrayList<>();
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(rs.getString(i));
        }
        out.add(row);
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A data source whose connections fail the next INSERT while {@code armed} is set: a failure
   * injected in the middle of a write.
   */
  static DataSource failingInserts(DataSource real, AtomicBoolean armed) {
    return failing(real, armed, "INSERT");
  }

  /** Like {@link #failingInserts}, for the next statement that starts with {@code prefix}. */
  static DataSource failing(DataSource real, AtomicBoolean armed, String prefix) {
    return intercepting(real, prefix, n -> {
      if (armed.getAndSet(false)) {
        throw new SQLException("injected failure", "08006");
      }
    });
  }

  /** What runs before a statement is prepared; it may fail it. */
  @FunctionalInterface
  interface Hook {
    /** Called with how many statements with the prefix came before this one, plus one. */
    void before(int nth) throws SQLException;
  }

  /**
   * A data source whose connections run {@code hook} before preparing each statement that starts with
   * {@code prefix}: a fault, or another writer, injected at an exact step of a write.
   */
  static DataSource intercepting(DataSource real, String prefix, Hook hook) {
    AtomicInteger seen = new AtomicInteger();
    return (DataSource) Proxy.newProxyInstance(Db.class.getClassLoader(), new Class<?>[] {DataSource.class},
        (proxy, m, args) -> {
          Object r = invoke(real, m, args);
          if (m.getName().equals("getConnection")) {
            Connection c = (Connection) r;
            return Proxy.newProxyInstance(Db.class.getClassLoader(), new Class<?>[] {Connection.class},
                (p2, m2, a2) -> {
                  if (m2.getName().equals("prepareStatement") && String.valueOf(a2[0]).startsWith(prefix)) {
                    hook.before(seen.incrementAndGet());
                  }
                  return invoke(c, m2, a2);
                });
          }
          return r;
        });
  }

  private static Object invoke(Object target, java.lang.reflect.Method m, Object[] args) throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

}
