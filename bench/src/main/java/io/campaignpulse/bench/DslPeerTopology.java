package io.campaignpulse.bench;

import io.campaignpulse.avro.CampaignTotals;
import io.campaignpulse.avro.OrderStatus;
import io.campaignpulse.avro.TradeInOrder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The "straightforward Kafka Streams DSL" peer, for {@code bench streams --peer}: the same counting rules
 * for the totals the benchmark checks, written the way the DSL invites. A KTable of the latest version per order
 * ({@code groupByKey().reduce}, keeping the higher version, so a duplicate or a late older version changes
 * nothing), re-grouped by campaign with an adder and a subtractor (one repartition record per order event), a
 * KTable of totals per campaign published as {@code CampaignTotals}. Nothing else of the pipeline: no windows,
 * breakdowns, fairs, budgets, late-event routing or dead letters.
 */
public final class DslPeerTopology {

  static final String LATEST_STORE = "peer-latest-order-store";
  static final String TOTALS_STORE = "peer-campaign-totals-store";
  static final String BY_CAMPAIGN = "peer-by-campaign";

  private DslPeerTopology() {
  }

  /** Reads {@code input} (key orderId), writes totals per campaign to {@code output} (key campaignId). */
  public static Topology build(String input, String output, Serde<TradeInOrder> orders,
      Serde<CampaignTotals> totals) {
    StreamsBuilder builder = new StreamsBuilder();
    KTable<String, Counted> latest = builder.stream(input, Consumed.with(Serdes.String(), orders))
        .filter((orderId, order) -> order != null)
        .mapValues(Counted::of)
        .groupByKey(Grouped.with(Serdes.String(), Counted.SERDE))
        .reduce((current, next) -> next.version() > current.version() ? next : current,
            Materialized.<String, Counted, KeyValueStore<Bytes, byte[]>>as(LATEST_STORE)
                .withKeySerde(Serdes.String()).withValueSerde(Counted.SERDE));
    latest.groupBy((orderId, counted) -> KeyValue.pair(counted.campaignId(), counted),
            Grouped.with(BY_CAMPAIGN, Serdes.String(), Counted.SERDE))
        .aggregate(() -> Sums.ZERO, (campaignId, counted, sums) -> sums.plus(counted, 1),
            (campaignId, counted, sums) -> sums.plus(counted, -1),
            Materialized.<String, Sums, KeyValueStore<Bytes, byte[]>>as(TOTALS_STORE)
                .withKeySerde(Serdes.String()).withValueSerde(Sums.SERDE))
        .toStream()
        .mapValues((campaignId, sums) -> sums.toTotals(campaignId))
        .to(output, Produced.with(Serdes.String(), totals));
    return builder.build();
  }

  /** What an order's counting version contributes. */
  record Counted(int version, String campaignId, OrderStatus status, long purchaseFen, long subsidyFen) {

    static final Serde<Counted> SERDE = Serdes.serdeFrom((topic, c) -> c == null ? null : c.bytes(),
        (topic, bytes) -> bytes == null ? null : Counted.read(bytes));

    static Counted of(TradeInOrder o) {
      return new Counted(o.getVersion(), o.getCampaignId(), o.getStatus(), o.getPurchaseAmountFen(),
          o.getSubsidyAmountFen());
    }

    byte[] bytes() {
      byte[] id = campaignId.getBytes(StandardCharsets.UTF_8);
      return ByteBuffer.allocate(4 + 1 + 8 + 8 + 4 + id.length).putInt(version).put((byte) status.ordinal())
          .putLong(purchaseFen).putLong(subsidyFen).putInt(id.length).put(id).array();
    }

    static Counted read(byte[] bytes) {
      ByteBuffer in = ByteBuffer.wrap(bytes);
      int version = in.getInt();
      OrderStatus status = OrderStatus.values()[in.get()];
      long purchase = in.getLong();
      long subsidy = in.getLong();
      byte[] id = new byte[in.getInt()];
      in.get(id);
      return new Counted(version, new String(id, StandardCharsets.UTF_8), status, purchase, subsidy);
    }
  }

  /** Totals of one campaign, in integer fen. */
  record Sums(long orders, long pendingOrders, long consumptionFen, long subsidyFen, long pendingSubsidyFen) {

    static final Sums ZERO = new Sums(0, 0, 0, 0, 0);
    static final Serde<Sums> SERDE = Serdes.serdeFrom((topic, s) -> s == null ? null : ByteBuffer.allocate(40)
            .putLong(s.orders).putLong(s.pendingOrders).putLong(s.consumptionFen).putLong(s.subsidyFen)
            .putLong(s.pendingSubsidyFen).array(),
        (topic, bytes) -> {
          if (bytes == null) {
            return null;
          }
          ByteBuffer in = ByteBuffer.wrap(bytes);
          return new Sums(in.getLong(), in.getLong(), in.getLong(), in.getLong(), in.getLong());
        });

    /** These sums with {@code c} added ({@code sign} 1) or taken away (-1), by the README's counting rules. */
    Sums plus(Counted c, int sign) {
      return switch (c.status()) {
        case APPROVED, PAID -> new Sums(orders + sign, pendingOrders, consumptionFen + sign * c.purchaseFen(),
            subsidyFen + sign * c.subsidyFen(), pendingSubsidyFen);
        case SUBMITTED -> new Sums(orders, pendingOrders + sign, consumptionFen, subsidyFen,
            pendingSubsidyFen + sign * c.subsidyFen());
        case CANCELLED, REFUNDED -> this;
      };
    }

    CampaignTotals toTotals(String campaignId) {
      return CampaignTotals.newBuilder().setCampaignId(campaignId).setOrders(orders).setPendingOrders(pendingOrders)
          .setConsumptionFen(consumptionFen).setOrderConsumptionFen(consumptionFen).setSubsidyFen(subsidyFen)
          .setPendingSubsidyFen(pendingSubsidyFen).setVisitors(0).build();
    }
  }
}
