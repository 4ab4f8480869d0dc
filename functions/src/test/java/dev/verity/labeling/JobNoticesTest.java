package dev.verity.labeling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.fakes.InMemoryMemberDirectory;
import dev.verity.fakes.InMemoryNotificationTopics.Notice;
import dev.verity.job.LabelingJobStatus;
import dev.verity.workforce.MemberService;
import dev.verity.workforce.TeamService;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The notices a job sends: to its team when its tasks are dispatched, to requesters when it ends. */
class JobNoticesTest {

    private static final int DAY = 86_400;

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

    @Test
    void theTeamIsRemindedOnceADayBeforeTheJobsTasksExpire() {
        teamWithMembers();
        bench.imageJob("long", 3, 1, r -> r.with("HumanTaskConfig").put("TaskAvailabilityLifetimeInSeconds", 3 * DAY));

        bench.clock.advance(Duration.ofSeconds(2 * DAY - 60));
        assertThat(bench.notices.remindExpiring())
                .as("two days less a minute in")
                .isEmpty();
        bench.clock.advance(Duration.ofSeconds(120));
        assertThat(bench.notices.remindExpiring()).containsExactly("long");
        assertThat(bench.notices.remindExpiring()).as("once").isEmpty();

        List<Notice> reminders = noticesOn("verity-team-" + TeamService.DEFAULT_TEAM).stream()
                .filter(n -> n.subject().startsWith("Labeling job about to expire"))
                .toList();
        assertThat(reminders).singleElement().satisfies(n -> {
            assertThat(n.subject()).isEqualTo("Labeling job about to expire: Label it");
            assertThat(n.message()).contains("https://verity.example/#/work/long");
        });
    }

    @Test
    void jobsWhoseTasksLiveADayOrLessOrThatEndedGetNoReminder() {
        teamWithMembers();
        bench.imageJob("short", 3, 1); // 86,400 s
        bench.imageJob("ended", 3, 1, r -> r.with("HumanTaskConfig").put("TaskAvailabilityLifetimeInSeconds", 3 * DAY));
        bench.store.transition("ended", EnumSet.of(LabelingJobStatus.InProgress), LabelingJobStatus.Stopped, null);

        bench.clock.advance(Duration.ofSeconds(2 * DAY + 3600));

        assertThat(bench.notices.remindExpiring()).isEmpty();
    }
}
