package io.campaignpulse.app.cli;

import io.campaignpulse.app.Lifecycle;
import io.campaignpulse.app.config.PulseConfig;
import io.campaignpulse.app.kafka.SchemaBootstrap;
import io.campaignpulse.app.kafka.TopicProvisioner;
import io.campaignpulse.producers.ingest.ConsoleProgress;
import io.campaignpulse.producers.ingest.EventFileFormat;
import io.campaignpulse.producers.ingest.EventKind;
import io.campaignpulse.producers.ingest.EventSink;
import io.campaignpulse.producers.ingest.FileIngest;
import io.campaignpulse.producers.ingest.FileResult;
import io.campaignpulse.producers.ingest.IngestProgress;
import io.campaignpulse.producers.ingest.IngestSummary;
import io.campaignpulse.producers.ingest.Rejects;
import io.campaignpulse.producers.kafka.EventSender;
import io.campaignpulse.serde.AvroWireSerializer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code campaign-pulse produce file}: historical ingest. Reads analysts' CSV and JSON Lines files of trade-in
 * orders, fair visits and fair sales (plain or gzip), sends every valid row to its topic with its own event time
 * as the record timestamp, writes every bad row to a rejects file, and prints read / sent / rejected counts.
 * Ctrl-C or SIGTERM stops after the current row, flushes and still prints the counts; running the same command
 * again finishes the job without counting anything twice (the pipeline deduplicates what was already sent).
 */
@Command(name = "file", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Ingest historical orders, fair visits and fair sales from CSV or JSON Lines files (plain or gzip).",
        "Each event keeps its own time as its record timestamp. Bad lines go to a rejects file with their line "
            + "number and reason; the valid lines are sent. Re-running a file does not count anything twice."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:every line was valid and sent",
        "1:lines were rejected (the valid ones were sent), or a file or the sending failed, or it was stopped",
        "2:usage error"})
public final class FileCommand implements Callable<Integer> {

  @Parameters(arity = "1..*", paramLabel = "FILE",
      description = "CSV (.csv) or JSON Lines (.jsonl, .ndjson) files, each plain or gzip (.gz or gzip content).")
  List<Path> files;

  @Option(names = "--kind", paramLabel = "KIND", converter = KindConverter.class,
      description = "What the files hold: orders, fair-visits or fair-sales "
          + "(default: told by the CSV header, or by each JSON line's fields).")
  EventKind kind;

  @Option(names = "--format", paramLabel = "FORMAT", converter = FormatConverter.class,
      description = "csv or jsonl (default: told by each file's name).")
  EventFileFormat format;

  @Option(names = "--rejects", paramLabel = "FILE",
      description = "Write the rejected lines of all files to this JSON Lines file "
          + "(default: <input>.rejects.jsonl beside each input, only when it has rejects).")
  Path rejects;

  @Option(names = "--dry-run",
      description = "Validate only: write rejects and counts, send nothing, contact neither Kafka nor the registry.")
  boolean dryRun;

  @Option(names = "--progress", negatable = true,
      description = "Show a progress bar with rate and ETA on stderr for files that take more than a second "
          + "(default: when stderr is a terminal).")
  Boolean progress;

  @Mixin
  ClusterOptions cluster;

  @Mixin
  ProducerOptions producer;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    checkArguments();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    IngestSummary summary = new IngestSummary();
    CountDownLatch finished = new CountDownLatch(1);
    List<Path> notIngested = List.of();
    boolean writeFailed = false;
    try (Lifecycle lifecycle = new Lifecycle().closeOnShutdown()) {
      EventSink sink = dryRun ? EventSink.discard() : lifecycle.own(kafkaSink(lifecycle));
      FileIngest ingest = new FileIngest(kind, format, sink, progressDisplay());
      lifecycle.own(new StopOnSignal(ingest, finished)); // closed first on SIGTERM: stop, then let us finish
      try (Rejects shared = rejects == null ? null : Rejects.to(rejects)) {
        for (int i = 0; i < files.size(); i++) {
          Path file = files.get(i);
          FileResult result;
          try (Rejects own = shared == null ? Rejects.besideInput(file) : null) {
            result = ingest.ingest(file, shared != null ? shared : own);
          }
          summary.add(result);
          quoteRejects(result, err);
          if (result.endsTheRun() || ingest.isStopRequested()) {
            notIngested = files.subList(i + 1, files.size());
            break;
          }
        }
      } catch (IOException | UncheckedIOException e) {
        // the rejects cannot be written: stop rather than drop bad lines silently
        Throwable cause = e instanceof UncheckedIOException ? e.getCause() : e;
        err.println("campaign-pulse: cannot write the rejects, stopped: " + cause);
        err.flush();
        writeFailed = true;
      } finally {
        out.print(summary.render(dryRun));
        if (!notIngested.isEmpty()) {
          out.println("not ingested: " + notIngested);
        }
        out.flush();
        finished.countDown();
      }
    }
    return summary.isClean() && notIngested.isEmpty() && !writeFailed ? 0 : 1;
  }

  /** Usage errors (exit 2) before anything is read or sent: missing files, unknown formats, clashing paths. */
  private void checkArguments() {
    for (Path file : files) {
      if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
        throw new ParameterException(spec.commandLine(), "cannot read " + file + ": no such file");
      }
      try {
        EventFileFormat.of(file, format);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
      Path own = Rejects.defaultPath(file).toAbsolutePath().normalize();
      if (rejects == null && files.stream().anyMatch(f -> f.toAbsolutePath().normalize().equals(own))) {
        throw new ParameterException(spec.commandLine(), own + " is an input and the rejects file of " + file);
      }
    }
    if (rejects != null && files.stream().anyMatch(f -> f.toAbsolutePath().normalize()
        .equals(rejects.toAbsolutePath().normalize()))) {
      throw new ParameterException(spec.commandLine(), "--rejects " + rejects + " is one of the input files");
    }
  }

  /** Registers the schemas, makes sure the topics exist, and sends like the simulator does. */
  private EventSink kafkaSink(Lifecycle lifecycle) {
    PulseConfig config = producer.applyTo(cluster.toConfig(null));
    SchemaBootstrap.registerAll(config.schemaRegistryUrl(), config.topicNames());
    TopicProvisioner.ensureTopics(config.adminProperties(), config.topicNames(), config.partitions(),
        config.replicationFactor());
    AvroWireSerializer<SpecificRecord> values = lifecycle.own(new AvroWireSerializer<>());
    values.configure(config.serdeConfig(), false);
    return EventSink.to(new EventSender(new KafkaProducer<>(config.producerProperties("campaign-pulse-file")),
        values, config.topicNames()));
  }

  private IngestProgress.Factory progressDisplay() {
    boolean terminal = ConsoleProgress.stderrIsTerminal();
    boolean show = progress != null ? progress : terminal;
    return show ? ConsoleProgress.factory(terminal) : IngestProgress.none();
  }

  private static void quoteRejects(FileResult result, PrintWriter err) {
    result.firstRejects().forEach(err::println);
    long more = result.rejected() - result.firstRejects().size();
    if (more > 0) {
      err.printf("... %,d more rejected lines in %s%n", more, result.rejectsFile());
    }
    err.flush();
  }

  /** On Ctrl-C or SIGTERM: asks the ingest to stop, then waits until the run has flushed and printed its counts. */
  private record StopOnSignal(FileIngest ingest, CountDownLatch finished) implements AutoCloseable {
    @Override
    public void close() {
      ingest.requestStop();
      try {
        finished.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public String toString() {
      return "file ingest";
    }
  }

  /** {@code --kind}: orders, fair-visits, fair-sales. */
  static final class KindConverter implements ITypeConverter<EventKind> {
    @Override
    public EventKind convert(String value) {
      try {
        return EventKind.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  /** {@code --format}: csv, jsonl. */
  static final class FormatConverter implements ITypeConverter<EventFileFormat> {
    @Override
    public EventFileFormat convert(String value) {
      try {
        return EventFileFormat.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
