package nl.ireserve.saltoks.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the CPU time of a benchmark method goes, from JMH's JFR recordings ({@code -prof jfr}): the
 * execution samples whose stack holds the method, bucketed by the library responsible for them: the
 * topmost frame that is not the JDK's (time spent inside the JDK counts for the library that called
 * it). Prints a Markdown table: bucket, samples, share.
 *
 * <p>{@code java -cp benchmarks.jar nl.ireserve.saltoks.benchmarks.ProfileSummary DIR METHOD...}
 */
public final class ProfileSummary {
  private static final String[][] BUCKETS = {
    {"nl.ireserve.saltoks.", "SDK"},
    {"feign.", "Feign"},
    {"okhttp3.", "OkHttp"},
    {"okio.", "OkHttp"},
    {"kotlin.", "OkHttp (Kotlin stdlib)"},
    {"com.fasterxml.jackson.", "Jackson"},
    {"org.openjdk.jmh.", "JMH harness"},
  };

  private ProfileSummary() {}

  /**
   * Prints the table for each method.
   *
   * @param args the directory JMH wrote the {@code .jfr} files to, then the method names
   * @throws IOException when a recording cannot be read
   */
  public static void main(String[] args) throws IOException {
    List<Path> recordings = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of(args[0]))) {
      files.filter(p -> p.toString().endsWith(".jfr")).forEach(recordings::add);
    }
    for (int i = 1; i < args.length; i++) {
      print(args[i], summarize(recordings, args[i]));
    }
  }

  /** Per bucket, which of its methods the samples were in (the bucket's topmost frame). */
  private static final Map<String, Map<String, Integer>> METHODS = new TreeMap<>();

  private static Map<String, Integer> summarize(List<Path> recordings, String method) throws IOException {
    Map<String, Integer> counts = new TreeMap<>();
    METHODS.clear();
    for (Path p : recordings) {
      for (RecordedEvent e : RecordingFile.readAllEvents(p)) {
        if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
          continue;
        }
        RecordedStackTrace st = e.getStackTrace();
        if (st == null || st.getFrames().isEmpty() || !holds(st, method)) {
          continue;
        }
        String bucket = bucket(st);
        counts.merge(bucket, 1, Integer::sum);
        METHODS.computeIfAbsent(bucket, b -> new TreeMap<>()).merge(responsible(st), 1, Integer::sum);
      }
    }
    return counts;
  }

  private static boolean holds(RecordedStackTrace st, String method) {
    for (RecordedFrame f : st.getFrames()) {
      if (f.getMethod() != null && f.getMethod().getName().startsWith(method)) {
        return true;
      }
    }
    return false;
  }

  /** The topmost frame that is not the JDK's, as Class.method. */
  private static String responsible(RecordedStackTrace st) {
    for (RecordedFrame f : st.getFrames()) {
      String cls = f.getMethod() == null ? "" : f.getMethod().getType().getName();
      if (!(cls.startsWith("java.") || cls.startsWith("jdk.") || cls.startsWith("sun."))) {
        return cls.substring(cls.lastIndexOf('.') + 1) + "." + f.getMethod().getName();
      }
    }
    return "(JDK)";
  }

  private static String bucket(RecordedStackTrace st) {
    for (RecordedFrame f : st.getFrames()) {
      String cls = f.getMethod() == null ? "" : f.getMethod().getType().getName();
      if (cls.startsWith("java.") || cls.startsWith("jdk.") || cls.startsWith("sun.")) {
        continue;
      }
      if (cls.startsWith("nl.ireserve.saltoks.benchmarks.")) {
        return "benchmark code (baseline's own work)";
      }
      for (String[] b : BUCKETS) {
        if (cls.startsWith(b[0])) {
          return b[1];
        }
      }
      return "other: " + cls.replaceAll("\\.[^.]*$", "");
    }
    return "JDK only";
  }

  private static void print(String method, Map<String, Integer> counts) {
    int total = counts.values().stream().mapToInt(Integer::intValue).sum();
    System.out.println("\n`" + method + "`: " + total + " samples on the calling thread\n");
    System.out.println("| running in | samples | share |");
    System.out.println("|---|---|---|");
    counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .forEach(e -> System.out.printf("| %s | %d | %.0f %% |%n", e.getKey(), e.getValue(),
            100.0 * e.getValue() / Math.max(1, total)));
    for (String bucket : List.of("Feign", "SDK", "Jackson")) {
      Map<String, Integer> top = METHODS.getOrDefault(bucket, Map.of());
      if (!top.isEmpty()) {
        System.out.println("\n" + bucket + ", top methods: " + top.entrySet().stream()
            .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(6)
            .map(e -> e.getKey() + " " + e.getValue()).collect(java.util.stream.Collectors.joining(", ")));
      }
    }
  }
}
