package io.campaignpulse.app.cli;

import io.campaignpulse.app.config.PulseConfig;
import io.campaignpulse.app.kafka.SchemaBootstrap;
import io.campaignpulse.app.kafka.TopicProvisioner;
import io.campaignpulse.avro.Campaign;
import io.campaignpulse.avro.CampaignKind;
import io.campaignpulse.contract.Money;
import io.campaignpulse.contract.Validators;
import io.campaignpulse.serde.AvroWireSerializer;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code campaign-pulse campaign put}: publishes a campaign's definition (new or changed) to the compacted
 * campaigns topic, where the pipeline picks it up at once: a budget cut below current spending alerts
 * immediately, a raise re-arms thresholds. The whole definition is given each time (the topic keeps the latest).
 */
@Command(name = "put", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Create or change a campaign: publish its whole definition to the campaigns topic.",
        "Example: campaign-pulse campaign put --id TI-2025-AUTO --name '2025 car trade-in' --kind TRADE_IN "
            + "--region 江岸区 --start 2025-01-01T00:00+08:00 --end 2025-12-31T23:59:59+08:00 "
            + "--budget-yuan 500000000 --thresholds 50,80,90,100"},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:published", "1:Kafka or the registry failed", "2:usage error or an invalid campaign"})
public final class CampaignPutCommand implements Callable<Integer> {

  @Option(names = "--id", required = true, description = "campaignId, the topic's key.")
  String id;

  @Option(names = "--name", required = true)
  String name;

  @Option(names = "--kind", required = true, description = "TRADE_IN, CONSUMER_FAIR or FESTIVAL_MARKET.")
  CampaignKind kind;

  @Option(names = "--region", required = true, description = "District or street the campaign runs in.")
  String region;

  @Option(names = "--start", required = true, paramLabel = "TIME", converter = TimeConverter.class,
      description = "Start, ISO-8601 with offset, e.g. 2025-01-01T00:00+08:00.")
  Instant start;

  @Option(names = "--end", required = true, paramLabel = "TIME", converter = TimeConverter.class,
      description = "End, ISO-8601 with offset.")
  Instant end;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Budget budget;

  @Option(names = "--thresholds", split = ",", paramLabel = "PERCENT",
      description = "Alert thresholds in percent of the budget (default: 50,80,90,100).")
  List<Integer> thresholds = List.of(50, 80, 90, 100);

  @Option(names = "--series", description = "Series the campaign belongs to, to compare it across years.")
  String series;

  @Mixin
  ClusterOptions cluster;

  @Mixin
  ProducerOptions producer;

  @Spec
  CommandSpec spec;

  /** The subsidy budget, in yuan (exact, up to two decimals) or fen. */
  static final class Budget {
    @Option(names = "--budget-yuan", paramLabel = "YUAN", converter = YuanConverter.class,
        description = "Subsidy budget in yuan, exact to the fen (e.g. 500000000 or 1234.56); 0: no subsidy.")
    Long fenFromYuan;

    @Option(names = "--budget-fen", paramLabel = "FEN", description = "Subsidy budget in fen.")
    Long fen;

    long fen() {
      return fenFromYuan != null ? fenFromYuan : fen;
    }
  }

  @Override
  public Integer call() throws Exception {
    Campaign campaign = Campaign.newBuilder()
        .setCampaignId(id).setName(name).setKind(kind).setRegion(region).setStartTime(start).setEndTime(end)
        .setSubsidyBudgetFen(budget.fen()).setAlertThresholdsPercent(thresholds).setSeries(series)
        .build();
    String problem = Validators.CAMPAIGN.problem(id, campaign);
    if (problem != null) {
      throw new ParameterException(spec.commandLine(), "invalid campaign: " + problem);
    }
    PulseConfig config = producer.applyTo(cluster.toConfig(null));
    SchemaBootstrap.registerAll(config.schemaRegistryUrl(), config.topicNames());
    TopicProvisioner.ensureTopics(config.adminProperties(), config.topicNames(), config.partitions(),
        config.replicationFactor());
    try (AvroWireSerializer<Campaign> values = new AvroWireSerializer<>();
        KafkaProducer<String, byte[]> kafka = new KafkaProducer<>(
            config.producerProperties("campaign-pulse-campaign-put"))) {
      values.configure(config.serdeConfig(), false);
      String topic = config.topicNames().campaigns();
      RecordMetadata meta = kafka.send(new ProducerRecord<>(topic, id, values.serialize(topic, campaign)))
          .get(60, TimeUnit.SECONDS);
      PrintWriter out = spec.commandLine().getOut();
      out.printf("published campaign %s: budget ¥%s, thresholds %s%% -> %s partition %d offset %d%n", id,
          Money.yuan(budget.fen()), thresholds, topic, meta.partition(), meta.offset());
      out.flush();
    }
    return 0;
  }

  /** Yuan with at most two decimals, to exact fen. */
  static final class YuanConverter implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      BigDecimal yuan = new BigDecimal(value.replace(",", "").replace("_", ""));
      if (yuan.signum() < 0 || yuan.stripTrailingZeros().scale() > 2) {
        throw new IllegalArgumentException("a budget is a non-negative amount of yuan with at most two decimals: "
            + value);
      }
      return yuan.movePointRight(2).longValueExact();
    }
  }

  static final class TimeConverter implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      return OffsetDateTime.parse(value).toInstant();
    }
  }
}
