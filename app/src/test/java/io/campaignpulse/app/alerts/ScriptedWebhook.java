package io.campaignpulse.app.alerts;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server on 127.0.0.1 playing a webhook: answers each request with the next status scripted for its
 * {@code Idempotency-Key} (200 once the script is used up), or {@link #DROP} to close the connection without an
 * answer, and records every attempt.
 */
final class ScriptedWebhook implements AutoCloseable {

  /** Closes the connection without answering. */
  static final int DROP = -1;

  /** One request as received, and what it was answered. */
  record Attempt(String key, String contentType, String body, int status) {
  }

  private final HttpServer server;
  private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
  private final Map<String, Deque<Integer>> script = new ConcurrentHashMap<>();

  private ScriptedWebhook(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext("/hook", this::handle);
    server.start();
  }

  /** On a free port. */
  static ScriptedWebhook start() throws IOException {
    return new ScriptedWebhook(0);
  }

  /** On {@code port}, e.g. where a stopped one was. */
  static ScriptedWebhook startOn(int port) throws IOException {
    return new ScriptedWebhook(port);
  }

  /** The next answers to requests with this idempotency key. */
  ScriptedWebhook answer(String key, Integer... statuses) {
    script.computeIfAbsent(key, k -> new ArrayDeque<>()).addAll(List.of(statuses));
    return this;
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + port() + "/hook");
  }

  int port() {
    return server.getAddress().getPort();
  }

  List<Attempt> attempts() {
    return List.copyOf(attempts);
  }

  List<String> keys() {
    return attempts.stream().map(Attempt::key).toList();
  }

  /** The keys answered with 2xx, in order. */
  List<String> deliveredKeys() {
    return attempts.stream().filter(a -> a.status() >= 200 && a.status() < 300).map(Attempt::key).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Deque<Integer> next = script.get(key);
      Integer scripted = next == null ? null : next.poll();
      int status = scripted == null ? 200 : scripted;
      attempts.add(new Attempt(key, exchange.getRequestHeaders().getFirst("Content-Type"), body, status));
      if (status == DROP) {
        return; // closing the exchange before any response closes the connection
      }
      if (status == 204) {
        exchange.sendResponseHeaders(status, -1);
        return;
      }
      byte[] answer = ("{\"status\":" + status + ",\"message\":\"scripted answer\"}").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, answer.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
