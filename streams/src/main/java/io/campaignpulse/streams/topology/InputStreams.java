package io.campaignpulse.streams.topology;

import io.campaignpulse.avro.Campaign;
import io.campaignpulse.avro.FairSale;
import io.campaignpulse.avro.FairVisit;
import io.campaignpulse.avro.TradeInOrder;
import io.campaignpulse.contract.RecordValidator;
import io.campaignpulse.contract.Topic;
import io.campaignpulse.contract.Topics;
import io.campaignpulse.contract.Validators;
import io.campaignpulse.streams.PipelineMetrics;
import io.campaignpulse.streams.decode.DecodeProcessor;
import io.campaignpulse.streams.decode.Decoded;
import io.campaignpulse.streams.decode.RegistryWait;
import io.campaignpulse.streams.scope.InputScope;
import io.campaignpulse.streams.scope.ScopeFilter;
import io.campaignpulse.streams.scope.ScopedEvents;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The four input topics, each read once as raw bytes, decoded and validated. Valid events continue, with their
 * original bytes, as typed streams with event time as record time; rejected ones go to the dead-letter topic with
 * their original key,
 * bytes and timestamp and headers saying where they came from and why. Every topology of the pipeline reads
 * its inputs from here.
 */
public final class InputStreams {

  private final KStream<String, Decoded<Campaign>> campaigns;
  private final KStream<String, Decoded<TradeInOrder>> orders;
  private final KStream<String, Decoded<FairVisit>> fairVisits;
  private final KStream<String, Decoded<FairSale>> fairSales;

  public InputStreams(StreamsBuilder builder, Topics topics, PipelineMetrics metrics) {
    this(builder, topics, metrics, null, RegistryWait.standard());
  }

  /**
   * The inputs of a replay when {@code scope} is set: records beyond its end offsets are not read, valid events out
   * of its campaigns or time range are passed over, and orders are rewritten by its what-if rule. The live
   * pipeline has no scope, and its topology has none of these steps.
   */
  public InputStreams(StreamsBuilder builder, Topics topics, PipelineMetrics metrics, InputScope scope,
      RegistryWait registryWait) {
    String deadLetters = topics.deadLetters().name();
    KStream<String, Decoded<Campaign>> campaigns = decode(builder, "campaigns", topics.campaigns(),
        Validators.CAMPAIGN, campaign -> null, deadLetters, metrics, scope, registryWait);
    KStream<String, Decoded<TradeInOrder>> orders = decode(builder, "orders", topics.orders(), Validators.ORDER,
        TradeInOrder::getEventTime, deadLetters, metrics, scope, registryWait);
    KStream<String, Decoded<FairVisit>> fairVisits = decode(builder, "fair-visits", topics.fairVisits(),
        Validators.FAIR_VISIT, FairVisit::getEventTime, deadLetters, metrics, scope, registryWait);
    KStream<String, Decoded<FairSale>> fairSales = decode(builder, "fair-sales", topics.fairSales(),
        Validators.FAIR_SALE, FairSale::getEventTime, deadLetters, metrics, scope, registryWait);
    if (scope != null) {
      ScopedEvents scoped = new ScopedEvents(scope);
      campaigns = campaigns.filter((k, d) -> scoped.campaign(d), Named.as("campaigns-in-scope"));
      orders = orders.filter((k, d) -> scoped.order(d), Named.as("orders-in-scope"))
          .mapValues(scoped::rewrite, Named.as("orders-what-if"));
      fairVisits = fairVisits.filter((k, d) -> scoped.fairVisit(d), Named.as("fair-visits-in-scope"));
      fairSales = fairSales.filter((k, d) -> scoped.fairSale(d), Named.as("fair-sales-in-scope"));
    }
    this.campaigns = campaigns;
    this.orders = orders;
    this.fairVisits = fairVisits;
    this.fairSales = fairSales;
  }

  private static <T> KStream<String, Decoded<T>> decode(StreamsBuilder builder, String name, Topic<String, T> topic,
      RecordValidator<T> validator, Function<T, Instant> eventTime, String deadLetters, PipelineMetrics metrics,
      InputScope scope, RegistryWait registryWait) {
    KStream<String, byte[]> raw = builder.stream(topic.name(),
        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(name + "-source"));
    if (scope != null) {
      raw = raw.processValues(() -> new ScopeFilter(scope), Named.as(name + "-within-offsets"));
    }
    Map<String, KStream<String, Decoded<T>>> branches = raw
        .processValues(() -> new DecodeProcessor<>(topic.name(), topic.valueSerde().deserializer(), validator,
            eventTime, metrics, registryWait),
            Named.as(name + "-decode"))
        .split(Named.as(name + "-"))
        .branch((key, decoded) -> decoded.isValid(), Branched.as("valid"))
        .defaultBranch(Branched.as("rejected"));
    branches.get(name + "-rejected")
        .mapValues(Decoded::rawValue, Named.as(name + "-rejected-bytes"))
        .to(deadLetters, Produced.with(Serdes.String(), Serdes.ByteArray()).withName(name + "-dead-letters-sink"));
    return branches.get(name + "-valid");
  }

  public KStream<String, Decoded<Campaign>> campaigns() {
    return campaigns;
  }

  public KStream<String, Decoded<TradeInOrder>> orders() {
    return orders;
  }

  public KStream<String, Decoded<FairVisit>> fairVisits() {
    return fairVisits;
  }

  public KStream<String, Decoded<FairSale>> fairSales() {
    return fairSales;
  }
}
