package io.campaignpulse.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The query benchmark's load generator as a process of its own ({@link ChildLoad} starts it), so its threads,
 * heap, GC and JIT stay out of the app's JVM: {@code host port connections warmupMs measuredMs seed check
 * path...}, where {@code check} is {@code campaign} or {@code health} ({@link QueryChecks}). Prints
 * {@value #STARTED} once its connections are open and the clients wait for the start, then the result as one
 * {@value #RESULT} line of {@code key=value} pairs and, when anything failed, the first failure on a
 * {@value #FIRST_ERROR} line.
 */
public final class LoadMain {

  static final String STARTED = "QLOAD started";
  static final String RESULT = "QLOAD";
  static final String FIRST_ERROR = "QLOAD-ERROR ";

  private LoadMain() {
  }

  public static void main(String[] args) {
    if (args.length < 8) {
      System.err.println("usage: LoadMain host port connections warmupMs measuredMs seed campaign|health path...");
      System.exit(2);
    }
    QueryChecks checks = new QueryChecks();
    HttpLoad.BodyCheck check = switch (args[6]) {
      case "campaign" -> checks::campaign;
      case "health" -> checks::health;
      default -> throw new IllegalArgumentException("unknown check " + args[6]);
    };
    HttpLoad.Plan plan = new HttpLoad.Plan(args[0], Integer.parseInt(args[1]), List.of(Arrays.copyOfRange(args, 7,
        args.length)), Integer.parseInt(args[2]), Duration.ofMillis(Long.parseLong(args[3])),
        Duration.ofMillis(Long.parseLong(args[4])), Long.parseLong(args[5]));
    HttpLoad.Running running = HttpLoad.start(plan, check);
    System.out.println(STARTED);
    System.out.flush();
    LoadResult r = running.await(args[6]);
    System.out.println(line(r));
    if (r.firstError() != null) {
      System.out.println(FIRST_ERROR + r.firstError().replaceAll("\\R", " "));
    }
    System.out.flush();
  }

  /** The result line. */
  static String line(LoadResult r) {
    return String.format(Locale.ROOT, "%s requests=%d seconds=%.6f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f "
        + "p999_ms=%.3f max_ms=%.3f non200=%d bad=%d io=%d", RESULT, r.requests(), r.seconds(), r.p50Ms(), r.p90Ms(),
        r.p99Ms(), r.p999Ms(), r.maxMs(), r.non200(), r.badBodies(), r.ioErrors());
  }
}
