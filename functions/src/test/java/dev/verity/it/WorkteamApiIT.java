package dev.verity.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.aws.AwsClients;
import dev.verity.aws.Environment;
import dev.verity.emulators.Emulators;
import dev.verity.emulators.EmulatorsExtension;
import dev.verity.handler.RequesterApiHandler;
import dev.verity.handler.Services;
import dev.verity.handler.WorkerApiHandler;
import dev.verity.json.Json;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Work teams through the real requester and worker handlers over the emulators' DynamoDB: SageMaker's
 * CreateWorkteam, DescribeWorkteam, ListWorkteams, UpdateWorkteam and DeleteWorkteam shapes, and a team's job open
 * only to its members.
 */
@ExtendWith(EmulatorsExtension.class)
class WorkteamApiIT {

    private static final String TEAM = "labeling-crew";

    private static Services services;
    private static ApiContract.CheckedHandler requester;
    private static ApiContract.CheckedHandler workers;
    private static S3Client s3;
    private static SfnClient sfn;

    @BeforeAll
    static void setUp() {
        services = new Services(Environment.current());
        requester = ApiContract.checked(new RequesterApiHandler(services));
        workers = ApiContract.checked(new WorkerApiHandler(services));
        AwsClients clients = new AwsClients(Environment.current());
        s3 = clients.s3();
        sfn = clients.sfn();
    }

    private static JsonNode call(String routeKey, Map<String, String> path, JsonNode body) {
        return requester.handle(ApiEvents.request(routeKey, path, body, "requester-1"), null);
    }

    private static ObjectNode createBody(String name, String group) {
        return (ObjectNode) Json.parse("""
                {"WorkteamName": "%s", "Description": "Annotators of the crew",
                 "MemberDefinitions": [{"CognitoMemberDefinition":
                   {"UserPool": "us-east-1_test", "UserGroup": "%s", "ClientId": "verity"}}]}
                """.formatted(name, group));
    }

    @Test
    void aTeamIsCreatedDescribedListedUpdatedAndDeletedInSageMakersShapes() {
        JsonNode created = call("POST /workteams", Map.of(), createBody("round-trip", "round-trippers"));
        assertThat(ApiEvents.status(created)).as(created.toString()).isEqualTo(200);
        assertThat(ApiEvents.body(created).get("WorkteamArn").asText())
                .isEqualTo("arn:aws:sagemaker:us-east-1:000000000000:workteam/private-crowd/round-trip");

        JsonNode described = ApiEvents.body(call("GET /workteams/{name}", Map.of("name", "round-trip"), null));
        JsonNode team = described.get("Workteam");
        assertThat(team.get("WorkteamName").asText()).isEqualTo("round-trip");
        assertThat(team.at("/MemberDefinitions/0/CognitoMemberDefinition/UserGroup")
                        .asText())
                .isEqualTo("round-trippers");
        assertThat(team.get("WorkforceArn").asText()).endsWith(":workforce/default");
        assertThat(team.get("CreateDate").isNumber()).isTrue();
        assertThat(team.get("LastUpdatedDate").isNumber()).isTrue();
        assertThat(team.get("Description").asText()).isEqualTo("Annotators of the crew");
        assertThat(team.get("SubDomain").asText()).isEqualTo("verity.test"); // the worker portal's host

        JsonNode listed = ApiEvents.body(requester.handle(
                ApiEvents.withQuery(
                        ApiEvents.request("GET /workteams", Map.of(), null, "requester-1"),
                        Map.of("NameContains", "round", "SortBy", "Name")),
                null));
        assertThat(listed.get("Workteams").findValuesAsText("WorkteamName")).containsExactly("round-trip");

        JsonNode updated = call(
                "POST /workteams/{name}",
                Map.of("name", "round-trip"),
                Json.parse("{\"Description\": \"Renamed crew\"}"));
        assertThat(ApiEvents.status(updated)).as(updated.toString()).isEqualTo(200);
        assertThat(ApiEvents.body(updated).at("/Workteam/Description").asText()).isEqualTo("Renamed crew");
        assertThat(ApiEvents.body(updated)
                        .at("/Workteam/MemberDefinitions/0/CognitoMemberDefinition/UserGroup")
                        .asText())
                .isEqualTo("round-trippers");

        JsonNode deleted = call("DELETE /workteams/{name}", Map.of("name", "round-trip"), null);
        assertThat(ApiEvents.body(deleted).get("Success").asBoolean()).isTrue();
        assertThat(ApiEvents.status(call("GET /workteams/{name}", Map.of("name", "round-trip"), null)))
                .isEqualTo(404);
    }

    @Test
    void theDefaultTeamIsListedFromTheStart() {
        JsonNode listed = ApiEvents.body(requester.handle(
                ApiEvents.withQuery(
                        ApiEvents.request("GET /workteams", Map.of(), null, "requester-1"),
                        Map.of("NameContains", "Everyone", "MaxResults", "100")),
                null));
        assertThat(listed.get("Workteams").findValuesAsText("WorkteamName"))
                .containsExactly("Everyone-in-private-workforce");
        assertThat(listed.at("/Workteams/0/MemberDefinitions/0/CognitoMemberDefinition/UserGroup")
                        .asText())
                .isEqualTo("workers");
    }

    @Test
    void refusalsNameTheFieldAndGroundTruthsLimit() {
        ObjectNode mixed = createBody("mixed-crew", "a");
        mixed.withArray("MemberDefinitions")
                .addObject()
                .putObject("OidcMemberDefinition")
                .putArray("Groups")
                .add("b");
        JsonNode refused = call("POST /workteams", Map.of(), mixed);
        assertThat(ApiEvents.status(refused)).isEqualTo(400);
        assertThat(ApiEvents.body(refused).get("message").asText()).contains("MemberDefinitions", "mixes");

        JsonNode tooLong = call("POST /workteams", Map.of(), createBody("x".repeat(64), "a"));
        assertThat(ApiEvents.status(tooLong)).isEqualTo(400);
        assertThat(ApiEvents.body(tooLong).get("message").asText()).contains("WorkteamName", "63");

        assertThat(ApiEvents.status(call("POST /workteams", Map.of(), createBody("twice-crew", "a"))))
                .isEqualTo(200);
        assertThat(ApiEvents.status(call("POST /workteams", Map.of(), createBody("Twice-Crew", "a"))))
                .isEqualTo(409);

        // a request API Gateway never routes to the worker API, so outside the contract: unchecked
        JsonNode workerToken = new WorkerApiHandler(services)
                .handle(
                        ApiEvents.request(
                                "POST /workteams", Map.of(), createBody("by-a-worker", "a"), "w", "[workers]"),
                        null);
        assertThat(ApiEvents.status(workerToken)).isEqualTo(404); // not a worker route
        assertThat(ApiEvents.status(requester.handle(
                        ApiEvents.request(
                                "POST /workteams", Map.of(), createBody("by-a-worker", "a"), "w", "[workers]"),
                        null)))
                .isEqualTo(403);
    }

    @Test
    void aJobMustNameAnExistingTeam() throws Exception {
        JsonNode refused = requester.handle(
                ApiEvents.request(
                        "POST /jobs",
                        Map.of(),
                        JobDriver.request(
                                "for-no-team",
                                "animal",
                                "x.manifest",
                                "x.json",
                                "ImageMultiClass",
                                "private-crowd/no-such-team",
                                1),
                        "requester-1"),
                null);
        assertThat(ApiEvents.status(refused)).isEqualTo(400);
        assertThat(ApiEvents.body(refused).get("message").asText())
                .contains("HumanTaskConfig.WorkteamArn", "'no-such-team'");
    }

    @Test
    void aTeamsJobIsOpenOnlyToItsMembersAndTheTeamStaysWhileTheJobRuns(Emulators emulators) throws Exception {
        assertThat(ApiEvents.status(call("POST /workteams", Map.of(), createBody(TEAM, "annotators"))))
                .isEqualTo(200);
        JobDriver job = JobDriver.imageJob(
                        services,
                        s3,
                        "teams",
                        "crew-job",
                        1,
                        1,
                        r -> r.with("HumanTaskConfig")
                                .put(
                                        "WorkteamArn",
                                        "arn:aws:sagemaker:us-east-1:000000000000:workteam/private-crowd/" + TEAM))
                .dispatch(emulators, sfn);

        JsonNode outsiderJobs = ApiEvents.body(
                workers.handle(ApiEvents.request("GET /worker/jobs", Map.of(), null, "outsider", "[workers]"), null));
        assertThat(outsiderJobs.get("jobs").findValuesAsText("jobName")).doesNotContain("crew-job");
        JsonNode outsiderTask = workers.handle(
                ApiEvents.request(
                        "POST /worker/jobs/{name}/tasks/next",
                        Map.of("name", "crew-job"),
                        null,
                        "outsider",
                        "[workers]"),
                null);
        assertThat(ApiEvents.status(outsiderTask)).isEqualTo(403);
        assertThat(ApiEvents.body(outsiderTask).get("message").asText()).contains(TEAM);

        JsonNode memberJobs = ApiEvents.body(workers.handle(
                ApiEvents.request("GET /worker/jobs", Map.of(), null, "member", "[workers annotators]"), null));
        assertThat(memberJobs.get("jobs").findValuesAsText("jobName")).contains("crew-job");
        JsonNode memberTask = workers.handle(
                ApiEvents.request(
                        "POST /worker/jobs/{name}/tasks/next",
                        Map.of("name", "crew-job"),
                        null,
                        "member",
                        "[workers annotators]"),
                null);
        assertThat(ApiEvents.status(memberTask)).as(memberTask.toString()).isEqualTo(200);

        JsonNode deleteRefused = call("DELETE /workteams/{name}", Map.of("name", TEAM), null);
        assertThat(ApiEvents.status(deleteRefused)).isEqualTo(409);
        assertThat(ApiEvents.body(deleteRefused).get("message").asText()).contains("crew-job");
        assertThat(job).isNotNull();
    }
}
