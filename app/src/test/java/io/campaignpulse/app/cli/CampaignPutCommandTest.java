package io.campaignpulse.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignpulse.app.CampaignPulse;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Usage errors of {@code campaign put}, caught before Kafka or the registry is contacted (exit 2). */
class CampaignPutCommandTest {

  private final StringWriter err = new StringWriter();

  private int run(String... extra) {
    CommandLine cli = new CommandLine(new CampaignPulse());
    cli.setErr(new PrintWriter(err));
    cli.setOut(new PrintWriter(new StringWriter()));
    String[] base = {"campaign", "put", "--bootstrap-servers", "127.0.0.1:1", "--schema-registry-url",
        "http://127.0.0.1:1", "--id", "TI-1", "--name", "n", "--kind", "TRADE_IN", "--region", "r"};
    return cli.execute(java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(extra))
        .toArray(String[]::new));
  }

  @Test
  void anEndBeforeTheStartIsAnInvalidCampaign() {
    assertThat(run("--start", "2025-02-01T00:00+08:00", "--end", "2025-01-01T00:00+08:00", "--budget-fen", "1"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("invalid campaign: endTime is before startTime");
  }

  @Test
  void zeroOrNegativeThresholdsAreAnInvalidCampaign() {
    assertThat(run("--start", "2025-01-01T00:00+08:00", "--end", "2025-02-01T00:00+08:00", "--budget-fen", "1",
        "--thresholds", "50,0")).isEqualTo(2);
    assertThat(err.toString()).contains("alert thresholds must be positive");
  }

  @Test
  void aBudgetIsRequiredInYuanOrFenButNotBoth() {
    assertThat(run("--start", "2025-01-01T00:00+08:00", "--end", "2025-02-01T00:00+08:00")).isEqualTo(2);
    assertThat(run("--start", "2025-01-01T00:00+08:00", "--end", "2025-02-01T00:00+08:00", "--budget-fen", "1",
        "--budget-yuan", "1")).isEqualTo(2);
    assertThat(err.toString()).contains("--budget-yuan").contains("--budget-fen");
  }

  @Test
  void yuanAreExactToTheFen() {
    CampaignPutCommand.YuanConverter yuan = new CampaignPutCommand.YuanConverter();
    assertThat(yuan.convert("1234.56")).isEqualTo(123_456L);
    assertThat(yuan.convert("500,000,000")).isEqualTo(50_000_000_000L);
    assertThat(yuan.convert("0")).isZero();
    assertThat(yuan.convert("12.50")).isEqualTo(1_250L);
    assertThatThrownBy(() -> yuan.convert("0.001")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> yuan.convert("-1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> yuan.convert("1e30")).isInstanceOf(ArithmeticException.class);
  }

  @Test
  void timesNeedAnOffset() {
    assertThat(run("--start", "2025-01-01T00:00", "--end", "2025-02-01T00:00+08:00", "--budget-fen", "1"))
        .isEqualTo(2);
  }
}
