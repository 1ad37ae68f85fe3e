package io.campaignpulse.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignpulse.contract.TopicNames;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which registry subject each of a replay's topics writes under. */
class LiveSubjectsTest {

  private static final TopicNames LIVE = TopicNames.defaults();
  private static final String RUN = "campaign-pulse-replay.x.baseline";

  @Test
  void aReplaysOwnTopicsWriteUnderTheLiveSubjectsAndItsChangelogsUnderSharedOnes() {
    TopicNames own = new TopicNames(LIVE.campaigns(), "campaign-pulse-replay.x.input.tradein-orders",
        LIVE.fairVisits(), LIVE.fairSales(), RUN + ".campaign-totals", RUN + ".budget-alerts", RUN + ".dead-letters",
        RUN + ".late-events");
    LiveSubjects subjects = new LiveSubjects(own, LIVE, RUN, Map.of());
    assertThat(subjects.subjectTopic("campaign-pulse-replay.x.input.tradein-orders")).isEqualTo("tradein-orders");
    assertThat(subjects.subjectTopic(RUN + ".campaign-totals")).isEqualTo("campaign-totals");
    assertThat(subjects.subjectTopic(RUN + ".budget-alerts")).isEqualTo("budget-alerts");
    assertThat(subjects.subjectTopic("campaigns")).isEqualTo("campaigns");
    assertThat(subjects.subjectTopic(RUN + "-campaigns-store-changelog"))
        .isEqualTo("campaign-pulse-replay-campaigns-store-changelog");
    assertThat(subjects.subjectTopic("other-topic")).isEqualTo("other-topic");
  }
}
