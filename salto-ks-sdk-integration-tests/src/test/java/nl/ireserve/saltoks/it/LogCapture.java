package nl.ireserve.saltoks.it;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * Captures every log event of the JVM at TRACE while open, and checks text for secrets. Used by the
 * tests that prove no secret, token, PIN or OTP reaches a log line or an exception message.
 */
public final class LogCapture implements AutoCloseable {
  private static final Pattern UUID =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private final Logger root;
  private final Level previous;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  public LogCapture() {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    previous = root.getLevel();
    ctx.getLoggerList().forEach(l -> {
      if (l.getLevel() != null && l != root) {
        l.setLevel(Level.TRACE);
      }
    });
    root.setLevel(Level.TRACE);
    appender.setContext(ctx);
    appender.start();
    root.addAppender(appender);
  }

  /** Every captured line, message and stack trace included. */
  public String text() {
    StringBuilder sb = new StringBuilder();
    for (ILoggingEvent e : new ArrayList<>(appender.list)) {
      sb.append(e.getLevel()).append(' ').append(e.getLoggerName()).append(' ')
          .append(e.getFormattedMessage()).append('\n');
      if (e.getThrowableProxy() != null) {
        sb.append(ThrowableProxyUtil.asString(e.getThrowableProxy())).append('\n');
      }
    }
    return sb.toString();
  }

  public int events() {
    return appender.list.size();
  }

  /**
   * The secrets found in {@code text}: long secrets as substrings, short ones (PIN, OTP) as whole
   * words once UUIDs are removed (a 4-digit PIN may occur inside a random UUID by chance).
   */
  public static List<String> leaks(String text, Map<String, List<String>> secretsByKind) {
    List<String> found = new ArrayList<>();
    String words = " " + UUID.matcher(text).replaceAll(" ").replaceAll("[^A-Za-z0-9]+", " ") + " ";
    secretsByKind.forEach((kind, values) -> {
      for (String v : values) {
        boolean hit = v.length() >= 8 ? text.contains(v) : words.contains(" " + v + " ");
        if (hit) {
          found.add(kind);
        }
      }
    });
    return found;
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    root.setLevel(previous);
  }
}
