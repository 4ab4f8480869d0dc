package dev.verity.labeling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.fakes.InMemoryMemberDirectory;
import dev.verity.fakes.InMemoryNotificationTopics.Notice;
import dev.verity.job.LabelingJobStatus;
import dev.verity.workforce.MemberService;
import dev.verity.workforce.TeamService;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The notices a job sends: to its team when its tasks are dispatched, to requesters when it ends. */
class JobNoticesTest {

    private final LabelingBench bench = new LabelingBench();

    private void teamWithMembers() {
        new MemberService(bench.teams, bench.teamStore, new InMemoryMemberDirectory(), bench.topics)
                .invite(TeamService.DEFAULT_TEAM, List.of("ann@example.com"), LabelingBench.ACCOUNT);
    }

    private List<Notice> noticesOn(String topicSuffix) {
        return bench.topics.published().stream()
                .filter(n -> n.topicArn().endsWith(":" + topicSuffix))
                .toList();
    }

    @Test
    void theTeamHearsOnceThatAJobIsAvailableWithItsTitleAndThePortalLink() {
        teamWithMembers();

        bench.imageJob("pets", 3, 1);
        bench.dispatch("pets"); // a retried DispatchTasks

        List<Notice> notices = noticesOn("verity-team-" + TeamService.DEFAULT_TEAM);
        assertThat(notices).hasSize(1);
        assertThat(notices.get(0).subject()).isEqualTo("New labeling job: Label it");
        assertThat(notices.get(0).message())
                .contains("Choose the right label")
                .contains("https://verity.example/#/work/pets")
                .doesNotContainIgnoringCase("token");
    }

    @Test
    void aTeamWithoutATopicIsSentNothing() {
        bench.imageJob("pets", 3, 1);

        assertThat(bench.topics.published()).isEmpty();
    }

    @Test
    void requestersHearOnceThatAJobEndedWithItsFigures() {
        bench.imageJob("pets", 3, 1);
        bench.store.transition("pets", EnumSet.of(LabelingJobStatus.InProgress), LabelingJobStatus.Failed, "broke");
        var record = bench.store.get("pets").orElseThrow();

        bench.notices.jobEnded(record);
        bench.notices.jobEnded(record);

        List<Notice> notices = noticesOn("verity-job-events");
        assertThat(notices).hasSize(1);
        assertThat(notices.get(0).subject()).isEqualTo("Labeling job pets failed");
        assertThat(notices.get(0).message())
                .contains("Reason: broke")
                .contains("Objects selected: 3")
                .contains("https://verity.example/#/console/jobs/pets");
    }
}
