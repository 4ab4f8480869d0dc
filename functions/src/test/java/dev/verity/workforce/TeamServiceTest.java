package dev.verity.workforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.fakes.InMemoryJobStore;
import dev.verity.fakes.InMemoryTeamStore;
import dev.verity.fakes.MutableClock;
import dev.verity.job.ConflictException;
import dev.verity.job.InvalidRequestException;
import dev.verity.job.LabelingJobStatus;
import dev.verity.job.NotFoundException;
import dev.verity.json.Json;
import dev.verity.store.JobRecord;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** TeamService over in-memory stores. */
class TeamServiceTest {

    private static final String ACCOUNT = "111122223333";
    private static final String PRIVATE = "arn:aws:sagemaker:us-east-1:" + ACCOUNT + ":workteam/private-crowd/";
    private static final String PUBLIC = "arn:aws:sagemaker:us-east-1:394669845002:workteam/public-crowd/default";

    private final MutableClock clock = new MutableClock();
    private final InMemoryJobStore jobs = new InMemoryJobStore(clock);
    private final TeamService teams = new TeamService(new InMemoryTeamStore(), jobs, clock, "us-east-1");

    private Workteam create(String name, String group) {
        return teams.create(
                WorkteamRequest.create(WorkteamRequestTest.cognitoTeam(name, 1)
                        .put("WorkteamName", name)
                        .set(
                                "MemberDefinitions",
                                Json.parse("[{\"CognitoMemberDefinition\": {\"UserPool\": \"us-east-1_abc\","
                                        + " \"UserGroup\": \"" + group + "\", \"ClientId\": \"c\"}}]"))),
                ACCOUNT);
    }

    private void jobFor(String job, String team, LabelingJobStatus status) {
        var request = Json.object();
        request.putObject("HumanTaskConfig").put("WorkteamArn", PRIVATE + team);
        jobs.create(JobRecord.created(job, "arn:job/" + job, request, null, clock.instant()));
        jobs.transition(job, Set.of(LabelingJobStatus.Initializing), status, null);
    }

    @Test
    void aCreatedTeamHasAPrivateCrowdArnNamingIt() {
        assertThat(create("crew", "annotators").arn()).isEqualTo(PRIVATE + "crew");
    }

    @Test
    void aCreatedTeamIsDescribedByItsNameIgnoringCase() {
        create("crew", "annotators");

        assertThat(teams.describe("CREW", ACCOUNT).name()).isEqualTo("crew");
    }

    @Test
    void aSecondTeamOfTheSameNameIgnoringCaseIsAConflict() {
        create("crew", "annotators");

        assertThatThrownBy(() -> create("Crew", "others")).isInstanceOf(ConflictException.class);
    }

    @Test
    void theDefaultTeamExistsFromTheStartAndAdmitsEveryWorker() {
        Workteam team = teams.describe(TeamService.DEFAULT_TEAM, ACCOUNT);

        assertThat(team.admits(WorkerGroups.ofPool(Set.of("workers")))).isTrue();
        assertThat(teams.jobTeamProblem(PRIVATE + TeamService.DEFAULT_TEAM)).isEmpty();
        assertThatThrownBy(() -> create(TeamService.DEFAULT_TEAM, "x")).isInstanceOf(ConflictException.class);
    }

    @Test
    void describingATeamThatDoesNotExistIsNotFound() {
        assertThatThrownBy(() -> teams.describe("nobody", ACCOUNT)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void theListIsSortedByCreationDateAndPagedWithATokenThatResumesAfterTheLastTeam() {
        create("b-team", "g");
        clock.advance(Duration.ofSeconds(1));
        create("a-team", "g");
        clock.advance(Duration.ofSeconds(1));
        create("c-team", "g");

        TeamService.Page first = teams.list(null, null, "team", null, "2", ACCOUNT);
        TeamService.Page second = teams.list(null, null, "team", first.nextToken(), "2", ACCOUNT);

        assertThat(first.workteams()).extracting(Workteam::name).containsExactly("b-team", "a-team");
        assertThat(second.workteams()).extracting(Workteam::name).containsExactly("c-team");
        assertThat(second.nextToken()).isNull();
    }

    @Test
    void theListSortsByNameDescendingWhenAsked() {
        create("b-team", "g");
        create("a-team", "g");

        assertThat(teams.list("Name", "Descending", "team", null, null, ACCOUNT).workteams())
                .extracting(Workteam::name)
                .containsExactly("b-team", "a-team");
    }

    @Test
    void theListRefusesAnUnknownSortAndATokenOfAnotherOrder() {
        assertThatThrownBy(() -> teams.list("Size", null, null, null, null, ACCOUNT))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("SortBy");
        assertThatThrownBy(() -> teams.list(null, null, null, "bm9wZQ", "0", ACCOUNT))
                .hasMessageContaining("NextToken")
                .hasMessageContaining("MaxResults");
    }

    @Test
    void anUpdateReplacesOnlyWhatItGives() {
        Workteam before = create("crew", "annotators");
        clock.advance(Duration.ofMinutes(1));

        Workteam after =
                teams.update(WorkteamRequest.update("crew", Json.parse("{\"Description\": \"night shift\"}")), ACCOUNT);

        assertThat(after.description()).isEqualTo("night shift");
        assertThat(after.memberDefinitions()).isEqualTo(before.memberDefinitions());
        assertThat(after.createDate()).isEqualTo(before.createDate());
        assertThat(after.lastUpdatedDate()).isAfter(before.lastUpdatedDate());
    }

    @Test
    void aTeamWithNoJobInProgressIsDeleted() {
        create("crew", "annotators");
        jobFor("finished", "crew", LabelingJobStatus.Completed);

        teams.delete("crew");

        assertThatThrownBy(() -> teams.describe("crew", ACCOUNT)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aTeamIsNotDeletedWhileAJobInProgressIsSentToIt() {
        create("crew", "annotators");
        jobFor("running", "crew", LabelingJobStatus.InProgress);

        assertThatThrownBy(() -> teams.delete("crew"))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("running");
    }

    @Test
    void theDefaultTeamIsNotDeleted() {
        assertThatThrownBy(() -> teams.delete(TeamService.DEFAULT_TEAM)).isInstanceOf(ConflictException.class);
    }

    @Test
    void aJobMayNameAnExistingTeamOrThePublicCrowdOnly() {
        create("crew", "annotators");

        assertThat(teams.jobTeamProblem(PRIVATE + "crew")).isEmpty();
        assertThat(teams.jobTeamProblem(PUBLIC)).isEmpty();
        assertThat(teams.jobTeamProblem(PRIVATE + "ghosts")).get().asString().contains("'ghosts'");
        assertThat(teams.jobTeamProblem("arn:aws:sagemaker:us-east-1:" + ACCOUNT + ":workteam/vendor-crowd/v"))
                .isPresent();
    }

    @Test
    void aTeamsJobAdmitsOnlyWorkersInItsMemberGroups() {
        create("crew", "annotators");

        assertThat(teams.admits(PRIVATE + "crew", WorkerGroups.ofPool(Set.of("workers", "annotators"))))
                .isTrue();
        assertThat(teams.admits(PRIVATE + "crew", WorkerGroups.ofPool(Set.of("workers"))))
                .isFalse();
    }

    @Test
    void aJobOfADeletedTeamAdmitsNoOneAndThePublicCrowdsAdmitsEveryone() {
        assertThat(teams.admits(PRIVATE + "gone", WorkerGroups.ofPool(Set.of("gone", "workers"))))
                .isFalse();
        assertThat(teams.admits(PUBLIC, WorkerGroups.ofPool(Set.of()))).isTrue();
    }

    @Test
    void anOidcTeamAdmitsWorkersInAnyOfItsGroups() {
        teams.create(
                WorkteamRequest.create(Json.parse("{\"WorkteamName\": \"vendors\", \"Description\": \"d\","
                        + " \"MemberDefinitions\": [{\"OidcMemberDefinition\": {\"Groups\": [\"v1\", \"v2\"]}}]}")),
                ACCOUNT);

        assertThat(teams.admits(PRIVATE + "vendors", new WorkerGroups(Set.of(), Set.of("v2"))))
                .isTrue();
        assertThat(teams.admits(PRIVATE + "vendors", new WorkerGroups(Set.of("v2"), Set.of("v3"))))
                .isFalse();
    }

    @Test
    void anAccountHasAtMost25TeamsTheDefaultOneIncluded() {
        teams.list(null, null, null, null, null, ACCOUNT); // stores the default team
        for (int i = 1; i < TeamService.MAX_TEAMS; i++) {
            create("team-" + i, "g" + i);
        }

        assertThatThrownBy(() -> create("one-too-many", "g"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("at most 25 work teams");
    }
}
