package io.campaignpulse.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A closed-loop HTTP load generator: {@code connections} virtual clients, each a platform thread owning one
 * keep-alive {@link HttpConnection} on loopback, send a request (a path drawn at random from {@code paths}), read
 * the whole response, check it, and send the next one at once, for a warm-up and then a measured window
 * ({@link LoadTally} says what counts). Closed loop: a client waits for its response before the next request, so
 * a slow server lowers the offered load instead of queueing requests (latencies are service times under
 * {@code connections} concurrent requests, as wrk measures them, not the response times of an open arrival
 * process). {@link LoadMain} runs it in a process of its own.
 */
final class HttpLoad {

  /** What to run: where, which paths, how many clients, how long. */
  record Plan(String host, int port, List<String> paths, int connections, Duration warmup, Duration measured,
      long seed) {

    Plan {
      if (paths.isEmpty() || connections < 1 || warmup.isNegative() || measured.isNegative() || measured.isZero()) {
        throw new IllegalArgumentException("need paths, connections >= 1 and a positive measured window");
      }
      paths = List.copyOf(paths);
    }
  }

  /** Says what is wrong with a 200 response's body to a request for {@code path}, or null when it is right. */
  @FunctionalInterface
  interface BodyCheck {
    String problem(String path, byte[] body);
  }

  private static final long START_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private HttpLoad() {
  }

  /** Opens every connection, then starts the clients; the window's times are known at once. */
  static Running start(Plan plan, BodyCheck check) {
    List<HttpConnection> connections = new ArrayList<>();
    try {
      for (int i = 0; i < plan.connections(); i++) {
        connections.add(HttpConnection.open(plan.host(), plan.port()));
      }
    } catch (IOException e) {
      connections.forEach(HttpLoad::closeQuietly);
      throw new BenchException("cannot connect to " + plan.host() + ":" + plan.port() + ": " + e.getMessage(), e);
    }
    byte[][] requests = plan.paths().stream().map(p -> HttpConnection.get(plan.host(), plan.port(), p))
        .toArray(byte[][]::new);
    long startAt = System.nanoTime() + START_DELAY_NANOS;
    long windowStart = startAt + plan.warmup().toNanos();
    long windowEnd = windowStart + plan.measured().toNanos();
    List<Client> clients = new ArrayList<>();
    for (int i = 0; i < plan.connections(); i++) {
      Client client = new Client(i, plan, requests, connections.get(i), check, startAt,
          new LoadTally(windowStart, windowEnd), new SplittableRandom(plan.seed() + i));
      clients.add(client);
      client.start();
    }
    return new Running(plan, clients, windowStart, windowEnd);
  }

  /** A started load: the window's {@code System.nanoTime()} bounds, and the merged result once it is over. */
  static final class Running {
    private final Plan plan;
    private final List<Client> clients;
    private final long windowStartNanos;
    private final long windowEndNanos;

    private Running(Plan plan, List<Client> clients, long windowStartNanos, long windowEndNanos) {
      this.plan = plan;
      this.clients = clients;
      this.windowStartNanos = windowStartNanos;
      this.windowEndNanos = windowEndNanos;
    }

    long windowStartNanos() {
      return windowStartNanos;
    }

    long windowEndNanos() {
      return windowEndNanos;
    }

    /** Waits for every client and merges their tallies. */
    LoadResult await(String target) {
      LoadTally all = new LoadTally(windowStartNanos, windowEndNanos);
      for (Client client : clients) {
        try {
          client.join();
        } catch (InterruptedException e) {
          clients.forEach(Thread::interrupt);
          Thread.currentThread().interrupt();
          throw new BenchException("interrupted while the load ran", e);
        }
        all.add(client.tally);
      }
      return all.result(plan.connections() + " socket clients", target, plan.connections(), Double.NaN);
    }
  }

  /** One virtual client: its own connection, random stream and tally. */
  private static final class Client extends Thread {

    private final Plan plan;
    private final byte[][] requests;
    private final BodyCheck check;
    private final long startAt;
    private final LoadTally tally;
    private final SplittableRandom random;
    private HttpConnection connection;

    Client(int index, Plan plan, byte[][] requests, HttpConnection connection, BodyCheck check, long startAt,
        LoadTally tally, SplittableRandom random) {
      super("qbench-client-" + index);
      setDaemon(true);
      this.plan = plan;
      this.requests = requests;
      this.connection = connection;
      this.check = check;
      this.startAt = startAt;
      this.tally = tally;
      this.random = random;
    }

    @Override
    public void run() {
      long end = startAt + plan.warmup().toNanos() + plan.measured().toNanos();
      try {
        while (System.nanoTime() < startAt) {
          LockSupport.parkNanos(startAt - System.nanoTime());
        }
        while (!isInterrupted()) {
          int i = random.nextInt(requests.length);
          String path = plan.paths().get(i);
          long sent = System.nanoTime();
          if (sent >= end) {
            break;
          }
          exchange(path, requests[i], sent);
        }
      } finally {
        closeQuietly(connection);
      }
    }

    private void exchange(String path, byte[] request, long sent) {
      try {
        if (connection == null) {
          connection = HttpConnection.open(plan.host(), plan.port());
        }
        HttpConnection.Response response = connection.exchange(request);
        long received = System.nanoTime();
        if (response.status() != 200) {
          tally.status(response.status(), path, response.text());
        } else {
          String problem = check.problem(path, response.body());
          if (problem == null) {
            tally.ok(sent, received);
          } else {
            tally.badBody(path, problem);
          }
        }
        if (response.close()) {
          reconnect();
        }
      } catch (IOException e) {
        tally.ioError(path, e);
        reconnect();
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // a refusing server is not hammered
      }
    }

    private void reconnect() {
      closeQuietly(connection);
      connection = null;
    }
  }

  private static void closeQuietly(HttpConnection connection) {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (IOException ignored) {
      // closing a connection of a finished client
    }
  }
}
