package dev.verity.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.aws.AwsClients;
import dev.verity.aws.Environment;
import dev.verity.catalog.Catalog;
import dev.verity.emulators.Emulators;
import dev.verity.emulators.EmulatorsExtension;
import dev.verity.emulators.http.LocalTokenIssuer;
import dev.verity.emulators.mail.Mail;
import dev.verity.handler.RemindExpiringJobsHandler;
import dev.verity.handler.RequesterApiHandler;
import dev.verity.handler.Services;
import dev.verity.handler.WorkerApiHandler;
import dev.verity.json.Json;
import dev.verity.workforce.TeamService;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Team members and notices through the real handlers over the emulators' Cognito user pool, SNS and mail sink:
 * invitations mail the workers and subscribe them to the team's topic, a dispatched job tells them once, a disabled
 * worker's token is refused at the next call, and the requesters hear that a job ended.
 */
@ExtendWith(EmulatorsExtension.class)
class WorkteamMembersIT {

    private static Services services;
    private static ApiContract.CheckedHandler requester;
    private static ApiContract.CheckedHandler workers;
    private static AwsClients clients;

    @BeforeAll
    static void setUp() {
        services = new Services(Environment.current());
        requester = ApiContract.checked(new RequesterApiHandler(services));
        workers = ApiContract.checked(new WorkerApiHandler(services));
        clients = new AwsClients(Environment.current());
    }

    private static JsonNode call(String routeKey, Map<String, String> path, JsonNode body) {
        return requester.handle(ApiEvents.request(routeKey, path, body, "requester-1"), null);
    }

    private static JsonNode invite(String team, String... emails) {
        var body = Json.object();
        List.of(emails).forEach(body.putArray("Emails")::add);
        return call("POST /workteams/{name}/members", Map.of("name", team), body);
    }

    private static List<Mail> mailTo(Emulators emulators, String address) {
        return emulators.mail().messagesTo(address);
    }

    /** The address's mails whose subject starts so, once SNS (which delivers in the background) has sent one. */
    private static List<Mail> awaitMail(Emulators emulators, String address, String subject) {
        return await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> mailTo(emulators, address).stream()
                                .filter(m -> m.subject().startsWith(subject))
                                .toList(),
                        mails -> !mails.isEmpty());
    }

    /**
     * Publishes a marker to the topic and waits for it at the address: SNS delivers a topic's messages in order, so
     * every notice published before it has arrived by then.
     */
    private static void drain(Emulators emulators, String topicArn, String address) {
        String marker = "marker " + System.nanoTime();
        clients.sns().publish(b -> b.topicArn(topicArn).subject(marker).message(marker));
        awaitMail(emulators, address, marker);
    }

    @Test
    void invitedWorkersAreMailedOnceSubscribedToTheTeamAndToldOnceOfItsJob(Emulators emulators) throws Exception {
        JobDriver.ensureTeam(services, "night-crew", "night-annotators");

        JsonNode invited = invite("night-crew", "ann@night.test", "bob@night.test");
        assertThat(ApiEvents.status(invited)).as(invited.toString()).isEqualTo(200);
        assertThat(ApiEvents.body(invited).get("Members").findValuesAsText("Email"))
                .containsExactly("ann@night.test", "bob@night.test");
        assertThat(ApiEvents.body(invited).get("Members").findValuesAsText("Invited"))
                .containsExactly("true", "true");
        assertThat(mailTo(emulators, "ann@night.test"))
                .singleElement()
                .satisfies(mail -> assertThat(mail.text()).contains("ann@night.test"));
        assertThat(ApiEvents.status(invite("night-crew", "ann@night.test"))).isEqualTo(200);
        assertThat(mailTo(emulators, "ann@night.test"))
                .as("no second invitation")
                .hasSize(1);

        JsonNode members = ApiEvents.body(call("GET /workteams/{name}/members", Map.of("name", "night-crew"), null));
        assertThat(members.get("Members").findValuesAsText("Email"))
                .containsExactlyInAnyOrder("ann@night.test", "bob@night.test");
        assertThat(members.get("Members").findValuesAsText("Status")).containsOnly("FORCE_CHANGE_PASSWORD");
        String topic = ApiEvents.body(call("GET /workteams/{name}", Map.of("name", "night-crew"), null))
                .at("/Workteam/NotificationConfiguration/NotificationTopicArn")
                .asText();
        assertThat(topic).endsWith(":" + Catalog.TEAM_TOPIC_PREFIX + "night-crew");
        assertThat(clients.sns()
                        .listSubscriptionsByTopic(b -> b.topicArn(topic))
                        .subscriptions())
                .extracting(s -> s.endpoint())
                .containsExactlyInAnyOrder("ann@night.test", "bob@night.test");

        S3Client s3 = clients.s3();
        SfnClient sfn = clients.sfn();
        JobDriver.imageJob(
                        services,
                        s3,
                        "members",
                        "night-job",
                        2,
                        1,
                        r -> r.with("HumanTaskConfig")
                                .put("WorkteamArn", JobDriver.workteamArn("private-crowd/night-crew"))
                                .put("TaskTitle", "Sort the night pictures"))
                .dispatch(emulators, sfn);

        drain(emulators, topic, "bob@night.test");
        for (String worker : List.of("ann@night.test", "bob@night.test")) {
            List<Mail> notices = awaitMail(emulators, worker, "New labeling job");
            assertThat(notices).as(worker).singleElement().satisfies(mail -> {
                assertThat(mail.subject()).isEqualTo("New labeling job: Sort the night pictures");
                assertThat(mail.text())
                        .contains(CatalogResources.PORTAL_URL + "/#/work/night-job")
                        .doesNotContainIgnoringCase("token");
            });
        }
    }

    @Test
    void aDisabledWorkersTokenIsRefusedAtTheNextCallUntilTheyAreEnabled() {
        JsonNode invited = invite(TeamService.DEFAULT_TEAM, "carol@day.test");
        assertThat(ApiEvents.status(invited)).as(invited.toString()).isEqualTo(200);
        String sub = LocalTokenIssuer.subject("carol@day.test");
        var jobs = ApiEvents.request("GET /worker/jobs", Map.of(), null, sub, "[workers]");
        assertThat(ApiEvents.status(workers.handle(jobs, null))).isEqualTo(200);

        JsonNode disabled = call(
                "POST /workteams/{name}/members/{email}",
                Map.of("name", TeamService.DEFAULT_TEAM, "email", "carol@day.test"),
                Json.parse("{\"Enabled\": false}"));
        assertThat(ApiEvents.body(disabled).at("/Member/Enabled").asBoolean()).isFalse();
        JsonNode refused = workers.handle(jobs, null);
        assertThat(ApiEvents.status(refused)).isEqualTo(401);
        assertThat(ApiEvents.body(refused).get("message").asText()).contains("disabled");

        call(
                "POST /workteams/{name}/members/{email}",
                Map.of("name", TeamService.DEFAULT_TEAM, "email", "carol@day.test"),
                Json.parse("{\"Enabled\": true}"));
        assertThat(ApiEvents.status(workers.handle(jobs, null))).isEqualTo(200);
    }

    @Test
    void badMemberRequestsGetA4xxNamingTheProblem() {
        JobDriver.ensureTeam(services, "strict-crew", "strict-annotators");

        JsonNode notAList = call(
                "POST /workteams/{name}/members", Map.of("name", "strict-crew"), Json.parse("{\"Emails\": \"x\"}"));
        assertThat(ApiEvents.status(notAList)).isEqualTo(400);
        assertThat(ApiEvents.body(notAList).get("message").asText()).contains("Emails");
        JsonNode notAnAddress = invite("strict-crew", "not-an-address");
        assertThat(ApiEvents.status(notAnAddress)).isEqualTo(400);
        assertThat(ApiEvents.body(notAnAddress).get("message").asText()).contains("\"not-an-address\"");
        assertThat(ApiEvents.status(invite("no-such-crew", "dan@x.test"))).isEqualTo(404);
        JsonNode stranger = call(
                "POST /workteams/{name}/members/{email}",
                Map.of("name", "strict-crew", "email", "eve@x.test"),
                Json.parse("{\"Enabled\": false}"));
        assertThat(ApiEvents.status(stranger)).isEqualTo(404);
        JsonNode notABoolean = call(
                "POST /workteams/{name}/members/{email}",
                Map.of("name", "strict-crew", "email", "eve@x.test"),
                Json.parse("{\"Enabled\": \"no\"}"));
        assertThat(ApiEvents.status(notABoolean)).isEqualTo(400);
    }

    @Test
    void theRequestersHearOnceThatAJobCompletedWithItsOutput(Emulators emulators) throws Exception {
        String jobEvents = System.getProperty(Catalog.ENV_JOB_EVENTS_TOPIC_ARN);
        clients.sns().subscribe(b -> b.topicArn(jobEvents).protocol("email").endpoint("requesters@members.test"));
        JobDriver job = JobDriver.imageJob(services, clients.s3(), "members", "ends-job", 1, 1, r -> {})
                .dispatch(emulators, clients.sfn());
        JsonNode task = ApiEvents.body(job.next("w-ends"));
        job.worker(
                "POST /worker/assignments/{id}",
                Map.of("id", task.get("assignmentId").asText()),
                JobDriver.classifierAnswer("cat"),
                "w-ends");

        job.finish();
        job.finish(); // a retried WriteOutput

        awaitMail(emulators, "requesters@members.test", "Labeling job ends-job");
        drain(emulators, jobEvents, "requesters@members.test");
        List<Mail> ended = mailTo(emulators, "requesters@members.test").stream()
                .filter(m -> m.subject().contains("ends-job"))
                .toList();
        assertThat(ended).singleElement().satisfies(mail -> {
            assertThat(mail.subject()).isEqualTo("Labeling job ends-job completed");
            assertThat(mail.text())
                    .contains("Objects labeled: 1")
                    .contains("s3://verity-data/")
                    .contains(CatalogResources.PORTAL_URL + "/#/console/jobs/ends-job");
        });
    }

    @Test
    void theTeamIsRemindedOnceADayBeforeItsJobsTasksExpire(Emulators emulators) throws Exception {
        JobDriver.ensureTeam(services, "late-crew", "late-annotators");
        invite("late-crew", "fay@late.test");
        JobDriver.imageJob(
                        services,
                        clients.s3(),
                        "members",
                        "late-job",
                        1,
                        1,
                        r -> r.with("HumanTaskConfig")
                                .put("WorkteamArn", JobDriver.workteamArn("private-crowd/late-crew"))
                                .put("TaskAvailabilityLifetimeInSeconds", 3 * 86_400))
                .dispatch(emulators, clients.sfn());
        awaitMail(emulators, "fay@late.test", "New labeling job");

        var now = new RemindExpiringJobsHandler(services).handle(Json.object(), null);
        assertThat(now.toString()).as("two days before").doesNotContain("late-job");
        Services twoDaysOn = new Services(
                Environment.current(),
                Clock.offset(Clock.systemUTC(), Duration.ofDays(2).plusHours(1)));
        JsonNode reminded = new RemindExpiringJobsHandler(twoDaysOn).handle(Json.object(), null);
        assertThat(reminded.get("reminded").toString()).contains("\"late-job\"");
        assertThat(new RemindExpiringJobsHandler(twoDaysOn)
                        .handle(Json.object(), null)
                        .toString())
                .doesNotContain("late-job");

        Mail reminder = awaitMail(emulators, "fay@late.test", "Labeling job about to expire")
                .get(0);
        assertThat(reminder.text()).contains(CatalogResources.PORTAL_URL + "/#/work/late-job");
    }
}
