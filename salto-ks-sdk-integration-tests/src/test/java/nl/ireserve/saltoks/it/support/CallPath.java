package nl.ireserve.saltoks.it.support;

import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.not;

import java.lang.instrument.Instrumentation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import net.bytebuddy.agent.ByteBuddyAgent;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * Records the path one call takes through the SDK's source files: every time control moves from one
 * file to another (a call into a file, or a return to one), the file it moves to. A Java agent (Byte
 * Buddy) adds the recording to every method (not constructors) of the SDK's classes that hold behaviour:
 * not values (records, enums, exceptions, the model's value classes) and not the argument checks, which
 * say nothing of the path; not the fake's and not the tests'. The
 * HTTP client's own internals ({@code nl.ireserve.saltoks.internal}) are one stop, "the client", as
 * OpenPathIT measures them frame by frame. The web server threads of the fake are not followed; the
 * SDK's own threads (a store call handed to its pool) are.
 *
 * <p>A visit is an entry in the path; a return is a visit to a file the path has already left.
 */
public final class CallPath {
  /** The stop that stands for the HTTP client's internals. */
  public static final String CLIENT = "(the client)";

  private static volatile boolean recording;
  private static final List<Move> PATH = new ArrayList<>();
  private static final ThreadLocal<Deque<String>> STACK = ThreadLocal.withInitial(ArrayDeque::new);
  private static String current = "";

  private CallPath() {}

  /**
   * Runs the action and returns the files it went through, in order.
   *
   * @param action what to follow
   * @param <T> its result
   * @return the path, and the action's result
   */
  public static synchronized <T> Recorded<T> record(Supplier<T> action) {
    Instrumentation instrumentation = ByteBuddyAgent.install();
    ResettableClassFileTransformer agent = install(instrumentation);
    synchronized (PATH) {
      PATH.clear();
      current = "";
    }
    recording = true;
    T result;
    try {
      result = action.get();
    } finally {
      recording = false;
      // the SDK's classes as they were, so that no later test in this JVM runs the added code
      agent.reset(instrumentation, AgentBuilder.RedefinitionStrategy.RETRANSFORMATION);
    }
    synchronized (PATH) {
      int lastCall = PATH.size() - 1;
      while (lastCall >= 0 && !PATH.get(lastCall).call()) {
        lastCall--;
      }
      // what follows the last call only carries the result back: it is not part of the path
      List<String> path = new ArrayList<>();
      PATH.subList(0, lastCall + 1).forEach(m -> path.add(m.file()));
      return new Recorded<>(List.copyOf(path), result);
    }
  }

  /** Control moved to a file: by a call into it, or by a return to it. */
  private record Move(String file, boolean call) {}

  /**
   * A recorded path: from the first call to the last one (the returns after the last call only carry the
   * result back, and are left out).
   *
   * @param path the files, in the order control moved to them
   * @param result what the action returned
   * @param <T> the result's type
   */
  public record Recorded<T>(List<String> path, T result) {
    /** How many times control moved to a file it had already left. */
    public int returns() {
      return path.size() - (int) path.stream().distinct().count();
    }

    /** The distinct files. */
    public long files() {
      return path.stream().distinct().count();
    }

    /**
     * The path through the given files only (the flow's own stages, say), leaving out the collaborators
     * they call on the way.
     *
     * @param files the files to keep
     * @return the narrower path, with the same result
     */
    public Recorded<T> through(Set<String> files) {
      List<String> kept = new ArrayList<>();
      for (String file : path) {
        if (files.contains(file) && (kept.isEmpty() || !kept.get(kept.size() - 1).equals(file))) {
          kept.add(file);
        }
      }
      return new Recorded<>(List.copyOf(kept), result);
    }
  }

  private static ResettableClassFileTransformer install(Instrumentation instrumentation) {
    return new AgentBuilder.Default()
        .disableClassFormatChanges()
        .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
        .with(AgentBuilder.Listener.StreamWriting.toSystemError().withErrorsOnly())
        .ignore(not(nameStartsWith("nl.ireserve.saltoks.")))
        .type(nameStartsWith("nl.ireserve.saltoks.")
            .and(not(nameStartsWith("nl.ireserve.saltoks.it.")))
            .and(not(nameStartsWith("nl.ireserve.saltoks.testkit.")))
            .and(not(nameStartsWith("nl.ireserve.saltoks.contracts.")))
            .and(CallPath::behaviour))
        .transform((builder, type, loader, module, domain) -> builder.visit(
            Advice.to(Step.class).on(ElementMatchers.isMethod().and(not(ElementMatchers.isAbstract()))
                .and(not(ElementMatchers.isNative())))))
        .installOn(instrumentation);
  }

  /**
   * Whether a type's methods are steps of a flow: not a value (a record, an enum, an exception, a type
   * whose instances only carry data) and not an argument check; those are everywhere and say nothing of
   * the path.
   */
  private static boolean behaviour(TypeDescription type) {
    String simple = type.getSimpleName();
    return !type.isRecord() && !type.isEnum() && !type.isAssignableTo(Throwable.class)
        && !VALUES.contains(type.getName()) && !simple.equals("Args") && !simple.equals("GuardArgs")
        && !simple.equals("Checks");
  }

  /** The SDK's value classes that are not records. */
  private static final Set<String> VALUES = Set.of("nl.ireserve.saltoks.Lock", "nl.ireserve.saltoks.Site",
      "nl.ireserve.saltoks.iq.IqKey", "nl.ireserve.saltoks.access.Reservation",
      "nl.ireserve.saltoks.access.AccessDecision", "nl.ireserve.saltoks.access.OpenOutcome",
      "nl.ireserve.saltoks.mapping.ObjectLockLink");

  /** Called by the added code on entering an SDK method. */
  public static void entered(String type) {
    if (!recording || Thread.currentThread().getName().startsWith("qtp")) {
      return;
    }
    String file = fileOf(type);
    STACK.get().push(file);
    moved(file, true);
  }

  /** Called by the added code on leaving an SDK method. */
  public static void left() {
    if (!recording || Thread.currentThread().getName().startsWith("qtp")) {
      return;
    }
    Deque<String> stack = STACK.get();
    if (stack.isEmpty()) {
      return;
    }
    stack.pop();
    if (!stack.isEmpty()) {
      moved(stack.peek(), false);
    }
  }

  private static void moved(String file, boolean call) {
    synchronized (PATH) {
      if (!file.equals(current)) {
        PATH.add(new Move(file, call));
        current = file;
      }
    }
  }

  private static String fileOf(String type) {
    if (type.startsWith("nl.ireserve.saltoks.internal.")) {
      return CLIENT;
    }
    int nested = type.indexOf('$');
    String outer = nested < 0 ? type : type.substring(0, nested);
    return outer.substring(outer.lastIndexOf('.') + 1) + ".java";
  }

  /** The advice: the code the agent adds to each method. */
  public static final class Step {
    private Step() {}

    /** On entry. */
    @Advice.OnMethodEnter
    public static void enter(@Advice.Origin("#t") String type) {
      CallPath.entered(type);
    }

    /** On exit, normal or by a throwable. */
    @Advice.OnMethodExit(onThrowable = Throwable.class)
    public static void exit() {
      CallPath.left();
    }
  }
}
