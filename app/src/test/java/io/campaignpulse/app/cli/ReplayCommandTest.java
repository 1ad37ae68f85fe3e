package io.campaignpulse.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** {@code replay}'s usage errors: each is exit 2 with one line saying what is wrong, before any cluster is asked. */
class ReplayCommandTest {

  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    List<String> all = new ArrayList<>(List.of("--bootstrap-servers", "127.0.0.1:1",
        "--schema-registry-url", "http://127.0.0.1:1", "--no-progress"));
    all.addAll(List.of(args));
    CommandLine cli = new CommandLine(new ReplayCommand());
    cli.setErr(new PrintWriter(err, true));
    cli.setOut(new PrintWriter(new StringWriter(), true));
    return cli.execute(all.toArray(String[]::new));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', value = {
      "--from=yesterday; cannot read the time 'yesterday'",
      "--from=2024-06-01 --to=2024-05-01; is not before --to",
      "--subsidy-rule=FRIDGE=15%; unknown category 'FRIDGE'",
      "--subsidy-rule=AUTO=20000 --subsidy-rule=AUTO=15000; two subsidy rules for AUTO",
      "--budget=C-1=lots; --budget C-1=lots: expected an amount in yuan",
      "--budget=C-1=1.234; expected an amount in yuan with at most 2 decimals",
      "--thresholds=0,80; --thresholds are percentages of the budget",
      "--compare=C-1; --compare C-1: expected A:B",
      "--replay-id=Spring.2024; lower-case letters"})
  void usageErrorsAreExitTwoWithTheirReason(String args, String message) {
    assertThat(run(args.split(" "))).isEqualTo(2);
    assertThat(err.toString()).contains(message);
  }

  @Test
  void timesAreDatesOrLocalTimesInTheZoneOrInstants() {
    ZoneId shanghai = ZoneId.of("Asia/Shanghai");
    assertThat(TimeArgument.parse("2024-05-01", shanghai)).isEqualTo(Instant.parse("2024-04-30T16:00:00Z"));
    assertThat(TimeArgument.parse("2024-05-01T10:00", shanghai)).isEqualTo(Instant.parse("2024-05-01T02:00:00Z"));
    assertThat(TimeArgument.parse("2024-05-01T10:00+08:00", shanghai))
        .isEqualTo(Instant.parse("2024-05-01T02:00:00Z"));
    assertThat(TimeArgument.parse("2024-05-01T02:00:00Z", shanghai)).isEqualTo(Instant.parse("2024-05-01T02:00:00Z"));
    assertThat(TimeArgument.parse(null, shanghai)).isNull();
    assertThatThrownBy(() -> TimeArgument.parse("May 1st", shanghai)).hasMessageContaining("expected 2024-05-01");
  }
}
