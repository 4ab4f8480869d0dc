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
 * A vendor's team ({@code OidcMemberDefinition}) through the real handlers over the emulators: workers reach its job
 * by the groups their identity provider asserts, as API Gateway passes them on (the mapped {@code custom:groups} of
 * a federated user, or {@code sagemaker:groups}), and by nothing a pool user can set on themselves.
 */
@ExtendWith(EmulatorsExtension.class)
class OidcWorkteamIT {

    private static final String TEAM = "acme-vendor";
    private static final String POOL_ID = "us-east-1_test";
    private static final String JOB = "vendor-job";

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

    @Test
    void aVendorTeamsJobIsOpenToTheWorkersTheirProviderPutsInItsGroups(Emulators emulators) throws Exception {
        JsonNode created = requester.handle(
                ApiEvents.request("POST /workteams", Map.of(), Json.parse("""
                        {"WorkteamName": "%s", "Description": "Acme Labeling Co.",
                         "MemberDefinitions": [{"OidcMemberDefinition": {"Groups": ["acme-labelers", "acme-qa"]}}]}
                        """.formatted(TEAM)), "requester-1"), null);
        assertThat(ApiEvents.status(created)).as(created.toString()).isEqualTo(200);
        JobDriver.imageJob(
                        services,
                        s3,
                        "vendors",
                        JOB,
                        1,
                        1,
                        r -> r.with("HumanTaskConfig")
                                .put(
                                        "WorkteamArn",
                                        "arn:aws:sagemaker:us-east-1:000000000000:workteam/private-crowd/" + TEAM))
                .dispatch(emulators, sfn);

        // a federated user whose provider's sagemaker:groups Cognito mapped into custom:groups (a JSON array string)
        ObjectNode federated = federated("vendor-worker-1", Map.of("custom:groups", "[\"acme-qa\",\"other\"]"));
        assertThat(jobs(federated)).contains(JOB);
        assertThat(ApiEvents.status(next(federated))).isEqualTo(200);

        // a token carrying Ground Truth's claim itself, as API Gateway renders an array claim
        ObjectNode direct = ApiEvents.request("GET /worker/jobs", Map.of(), null, "vendor-worker-2", null);
        claims(direct).put("sagemaker:groups", "[acme-labelers]");
        assertThat(jobs(direct)).contains(JOB);

        // the same provider, a group of another team
        ObjectNode outsider = federated("vendor-worker-3", Map.of("custom:groups", "other"));
        assertThat(jobs(outsider)).doesNotContain(JOB);
        assertThat(ApiEvents.status(next(outsider))).isEqualTo(403);

        // a pool user who wrote custom:groups on themselves (the client may write it) is not a vendor worker
        ObjectNode pooled = ApiEvents.request("GET /worker/jobs", Map.of(), null, "pool-worker", "[workers]");
        claims(pooled).put("custom:groups", "acme-qa");
        assertThat(jobs(pooled)).doesNotContain(JOB);
        assertThat(ApiEvents.status(next(pooled))).isEqualTo(403);

        // and a provider's "requesters" group opens no requester route
        ObjectNode asRequester = federated("vendor-worker-1", Map.of("custom:groups", "[requesters]"));
        asRequester.put("routeKey", "GET /jobs").with("requestContext").put("routeKey", "GET /jobs");
        assertThat(ApiEvents.status(requester.handle(asRequester, null))).isEqualTo(403);
    }

    /** A GET /worker/jobs request of a user who signed in through the provider: Cognito's provider group, {@code extra}. */
    private static ObjectNode federated(String subject, Map<String, String> extra) {
        ObjectNode event = ApiEvents.request("GET /worker/jobs", Map.of(), null, subject, "[" + POOL_ID + "_AcmeSSO]");
        ObjectNode claims = claims(event);
        claims.put("identities", "[map[providerName:AcmeSSO providerType:OIDC userId:" + subject + "]]");
        extra.forEach(claims::put);
        return event;
    }

    private static ObjectNode claims(ObjectNode event) {
        return (ObjectNode) event.at("/requestContext/authorizer/jwt/claims");
    }

    private static java.util.List<String> jobs(ObjectNode listRequest) {
        return ApiEvents.body(workers.handle(listRequest, null)).get("jobs").findValuesAsText("jobName");
    }

    /** The same caller asking for the vendor job's next task. */
    private static JsonNode next(ObjectNode listRequest) {
        ObjectNode event = listRequest.deepCopy();
        String route = "POST /worker/jobs/{name}/tasks/next";
        event.put("routeKey", route).put("rawPath", "/worker/jobs/" + JOB + "/tasks/next");
        event.with("requestContext").put("routeKey", route);
        event.with("requestContext").with("http").put("method", "POST");
        event.putObject("pathParameters").put("name", JOB);
        return workers.handle(event, null);
    }
}
