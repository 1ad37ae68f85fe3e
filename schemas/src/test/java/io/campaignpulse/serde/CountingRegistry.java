package io.campaignpulse.serde;

import io.campaignpulse.registry.RegisteredSchema;
import io.campaignpulse.registry.SchemaRegistryClient;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;

/** Delegates to another registry and counts the calls per method name. */
final class CountingRegistry implements SchemaRegistryClient {
  private final SchemaRegistryClient delegate;
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

  CountingRegistry(SchemaRegistryClient delegate) {
    this.delegate = delegate;
  }

  int calls(String method) {
    AtomicInteger n = calls.get(method);
    return n == null ? 0 : n.get();
  }

  private void count(String method) {
    calls.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
  }

  @Override
  public int register(String subject, Schema schema) {
    count("register");
    return delegate.register(subject, schema);
  }

  @Override
  public RegisteredSchema lookup(String subject, Schema schema) {
    count("lookup");
    return delegate.lookup(subject, schema);
  }

  @Override
  public Schema getById(int id) {
    count("getById");
    return delegate.getById(id);
  }

  @Override
  public RegisteredSchema latest(String subject) {
    count("latest");
    return delegate.latest(subject);
  }

  @Override
  public boolean isCompatible(String subject, Schema schema) {
    count("isCompatible");
    return delegate.isCompatible(subject, schema);
  }

  @Override
  public void setCompatibility(String subject, String level) {
    count("setCompatibility");
    delegate.setCompatibility(subject, level);
  }

  @Override
  public Optional<String> getCompatibility(String subject) {
    count("getCompatibility");
    return delegate.getCompatibility(subject);
  }

  @Override
  public void close() {
    count("close");
    delegate.close();
  }
}
