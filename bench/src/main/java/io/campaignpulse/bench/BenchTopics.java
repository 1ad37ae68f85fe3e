package io.campaignpulse.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Fresh topics for each measured run, so no run appends to a partition another run has filled (segment rolls,
 * index sizes and page cache would then differ between runs). Deletes every topic it made on {@link #close()},
 * after the measurements, so deletion never competes with a run.
 */
public final class BenchTopics implements AutoCloseable {

  private final Admin admin;
  private final int partitions;
  private final String runId = UUID.randomUUID().toString().substring(0, 8);
  private final List<String> created = new ArrayList<>();

  public BenchTopics(String bootstrapServers, int partitions) {
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    this.partitions = partitions;
  }

  /** Creates {@code bench-<runId>-<label>} with the configured partitions and replication factor 1. */
  public String create(String label) {
    String name = "bench-" + runId + "-" + label;
    try {
      admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchException("interrupted while creating topic " + name, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new BenchException("cannot create topic " + name + ": "
          + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
    }
    created.add(name);
    return name;
  }

  @Override
  public void close() {
    try {
      if (!created.isEmpty()) {
        admin.deleteTopics(created).all().get(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      System.err.println("bench: could not delete the bench topics " + created + ": " + e.getMessage());
    } finally {
      admin.close();
    }
  }
}
