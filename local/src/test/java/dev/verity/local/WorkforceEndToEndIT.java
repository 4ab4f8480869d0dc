package dev.verity.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The workforce end to end through a running local runtime, as a requester and two workers use it: the requester
 * creates a team and invites two workers (two mails in the local mailbox with the portal link and a temporary
 * password), starts a job for the team (a "new job" mail to each), one worker signs in with the mailed password and
 * labels everything through the worker API, and the requesters' address gets the "completed" mail.
 */
class WorkforceEndToEndIT {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern PASSWORD = Pattern.compile("temporary password (\\S+)\\.\\s*\\z");

    /** The local mailbox, read as the console reads it. */
    private static List<JsonNode> mailbox(URI apiUrl, Path stateDir) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(apiUrl.resolve("local-mail/messages"))
                        .header("x-verity-sign-in-secret", LocalJobs.signInSecret(stateDir))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> mails = new ArrayList<>();
        Json.parse(response.body()).get("Messages").forEach(mails::add);
        return mails;
    }

    private static List<JsonNode> awaitMail(URI apiUrl, Path stateDir, String to, String subject) {
        return await(subject + " to " + to)
                .atMost(Duration.ofSeconds(30))
                .until(
                        () -> mailbox(apiUrl, stateDir).stream()
                                .filter(m -> m.get("To").toString().contains("\"" + to + "\""))
                                .filter(m -> m.get("Subject").asText().startsWith(subject))
                                .toList(),
                        mails -> !mails.isEmpty());
    }

    private static ApiClient signInWithPassword(URI apiUrl, Path stateDir, String email, String password)
            throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(apiUrl.resolve("local-auth/token"))
                        .header("content-type", "application/json")
                        .header("x-verity-sign-in-secret", LocalJobs.signInSecret(stateDir))
                        .POST(HttpRequest.BodyPublishers.ofString(
                                Json.write(Json.object().put("username", email).put("password", password))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new ApiClient(apiUrl, Json.parse(response.body()).get("idToken").asText());
    }

    @Test
    void aTeamIsInvitedToldOfItsJobLabelsItAndTheRequesterHearsItCompleted() throws Exception {
        VerityRuntime runtime = SharedRuntime.get();
        Path stateDir = SharedRuntime.stateDir();
        URI apiUrl = runtime.apiUrl();
        String portal = apiUrl.toString().replaceAll("/$", "");
        ApiClient requester = runtime.api(runtime.token("workforce-requester", Set.of("requesters")));
        String team = "e2e-crew";
        String job = "e2e-crew-job";

        requester.expect(
                requester.post("/workteams", Json.parse("""
                        {"WorkteamName": "%s", "Description": "The end-to-end crew",
                         "MemberDefinitions": [{"CognitoMemberDefinition":
                           {"UserPool": "%s", "UserGroup": "%s", "ClientId": "verity-local"}}]}
                        """.formatted(team, VerityRuntime.USER_POOL_ID, team))),
                "create team");
        List<String> workers = List.of("ann@e2e-crew.test", "bob@e2e-crew.test");
        ObjectNode invitation = Json.object();
        workers.forEach(invitation.putArray("Emails")::add);
        requester.expect(requester.post("/workteams/" + team + "/members", invitation), "invite");

        List<String> passwords = new ArrayList<>();
        for (String worker : workers) {
            List<JsonNode> mails = awaitMail(apiUrl, stateDir, worker, "You are invited");
            assertThat(mails).as(worker).hasSize(1);
            String body = mails.get(0).get("Body").asText();
            assertThat(body).contains(portal + "/#/work").contains(worker);
            Matcher password = PASSWORD.matcher(body);
            assertThat(password.find()).as(body).isTrue();
            passwords.add(password.group(1));
        }

        LocalJobs.uploadDataset(runtime.s3(), runtime.bucket(), job, 2);
        ObjectNode request = (ObjectNode) Json.parse(LocalJobs.jobRequest(runtime.bucket(), job, 1));
        request.with("HumanTaskConfig")
                .put("WorkteamArn", "arn:aws:sagemaker:us-east-1:000000000000:workteam/private-crowd/" + team);
        requester.expect(requester.post("/jobs", request), "create job");
        for (String worker : workers) {
            JsonNode notice =
                    awaitMail(apiUrl, stateDir, worker, "New labeling job").get(0);
            assertThat(notice.get("Subject").asText()).isEqualTo("New labeling job: Which colour?");
            assertThat(notice.get("Body").asText())
                    .contains(portal + "/#/work/" + job)
                    .doesNotContainIgnoringCase("token");
        }

        ApiClient ann = signInWithPassword(apiUrl, stateDir, workers.get(0), passwords.get(0));
        for (int i = 0; i < 2; i++) {
            JsonNode task = LocalJobs.take(ann, job, 30_000);
            assertThat(task).as("task " + i).isNotNull();
            ann.expect(
                    ann.post("/worker/assignments/" + task.get("assignmentId").asText(), LocalJobs.answerBody("red")),
                    "submit");
        }
        assertThat(LocalJobs.waitForStatus(requester, job, "Completed", 120_000)
                        .get("LabelingJobStatus")
                        .asText())
                .isEqualTo("Completed");

        JsonNode completed = awaitMail(apiUrl, stateDir, VerityRuntime.REQUESTER_MAILBOX, "Labeling job " + job)
                .get(0);
        assertThat(completed.get("Subject").asText()).isEqualTo("Labeling job " + job + " completed");
        assertThat(completed.get("Body").asText())
                .contains("Objects labeled: 2")
                .contains(portal + "/#/console/jobs/" + job);
    }
}
