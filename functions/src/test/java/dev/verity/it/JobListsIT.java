package dev.verity.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.aws.AwsClients;
import dev.verity.aws.Environment;
import dev.verity.catalog.Catalog;
import dev.verity.emulators.EmulatorsExtension;
import dev.verity.handler.RequesterApiHandler;
import dev.verity.handler.SageMakerApiHandler;
import dev.verity.handler.Services;
import dev.verity.handler.WorkerApiHandler;
import dev.verity.job.LabelingJobStatus;
import dev.verity.json.Json;
import dev.verity.store.DynamoJobStore;
import dev.verity.store.JobRecord;
import dev.verity.store.JobStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Lists that must not drop jobs: the requester's list filtered by status, and the worker portal's open jobs. */
@ExtendWith(EmulatorsExtension.class)
class JobListsIT {

    private static Services services;
    private static JobStore store;

    @BeforeAll
    static void setUp() {
        services = new Services(Environment.current());
        store = new DynamoJobStore(
                new AwsClients(Environment.current()).dynamoDb(), System.getProperty(Catalog.ENV_TABLE));
    }

    @Test
    void aStatusFilterFillsEveryPageAndPagingReachesEveryMatchingJob() throws Exception {
        // Five stopped jobs, each followed by ten newer jobs in another state: an unfiltered page of 10 holds at
        // most one stopped job.
        List<String> stopped = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            stopped.add(job(
                    "filtered-stopped-" + i, "private-crowd/Everyone-in-private-workforce", LabelingJobStatus.Stopped));
            for (int j = 0; j < 10; j++) {
                job(
                        "filtered-other-" + i + "-" + j,
                        "private-crowd/Everyone-in-private-workforce",
                        LabelingJobStatus.Failed);
            }
        }

        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            Map<String, String> query = new HashMap<>(Map.of("statusEquals", "Stopped", "maxResults", "2"));
            if (token != null) {
                query.put("nextToken", token);
            }
            JsonNode response = new RequesterApiHandler(services)
                    .handle(
                            ApiEvents.withQuery(ApiEvents.request("GET /jobs", Map.of(), null, "requester-1"), query),
                            null);
            assertThat(ApiEvents.status(response)).as(response.toString()).isEqualTo(200);
            JsonNode page = ApiEvents.body(response);
            token = page.path("NextToken").asText(null);
            if (token != null) {
                assertThat(page.get("LabelingJobSummaryList"))
                        .as("a page before the last is full")
                        .hasSize(2);
            }
            page.get("LabelingJobSummaryList").forEach(job -> {
                assertThat(job.get("LabelingJobStatus").asText()).isEqualTo("Stopped");
                seen.add(job.get("LabelingJobName").asText());
            });
        } while (token != null && ++pages < 100);
        assertThat(seen).doesNotHaveDuplicates().containsAll(stopped);
    }

    @Test
    void aMalformedNextTokenIsRefusedNamingTheField() throws Exception {
        for (String token : List.of("%%%", "bm90LWEtdG9rZW4")) {
            JsonNode response = new RequesterApiHandler(services)
                    .handle(
                            ApiEvents.withQuery(
                                    ApiEvents.request("GET /jobs", Map.of(), null, "requester-1"),
                                    Map.of("nextToken", token)),
                            null);
            assertThat(ApiEvents.status(response)).as(token).isEqualTo(400);
            assertThat(ApiEvents.body(response).toString())
                    .contains("NextToken")
                    .contains("not a page token");
        }
    }

    @Test
    void theWorkerPortalListsEveryOpenJobOfTheTeamNotJustTheNewestHundred() throws Exception {
        String oldest =
                job("portal-open-oldest", "private-crowd/Everyone-in-private-workforce", LabelingJobStatus.InProgress);
        for (int i = 0; i < 100; i++) {
            job("portal-closed-" + i, "private-crowd/Everyone-in-private-workforce", LabelingJobStatus.Completed);
        }
        for (int i = 0; i < 5; i++) {
            job("portal-open-" + i, "private-crowd/Everyone-in-private-workforce", LabelingJobStatus.InProgress);
        }

        JsonNode response = new WorkerApiHandler(services)
                .handle(ApiEvents.request("GET /worker/jobs", Map.of(), null, "lister-1", "[workers listers]"), null);
        assertThat(ApiEvents.status(response)).isEqualTo(200);
        List<String> names = new ArrayList<>();
        ApiEvents.body(response)
                .get("jobs")
                .forEach(job -> names.add(job.get("jobName").asText()));
        assertThat(names).contains(oldest, "portal-open-0", "portal-open-4").doesNotContain("portal-closed-0");
    }

    @Test
    void theSageMakerProtocolDescribesAndListsAJobExactlyAsTheHttpApiDoes() throws Exception {
        String name = job("both-edges", "private-crowd/Everyone-in-private-workforce", LabelingJobStatus.InProgress);

        JsonNode http = ApiEvents.body(new RequesterApiHandler(services)
                .handle(ApiEvents.request("GET /jobs/{name}", Map.of("name", name), null, "requester-1"), null));
        JsonNode described = sageMaker("DescribeLabelingJob", Json.object().put("LabelingJobName", name));
        JsonNode listed = sageMaker("ListLabelingJobs", Json.object().put("NameContains", name));
        JsonNode httpListed = ApiEvents.body(new RequesterApiHandler(services)
                .handle(
                        ApiEvents.withQuery(
                                ApiEvents.request("GET /jobs", Map.of(), null, "requester-1"),
                                Map.of("maxResults", "1")),
                        null));

        assertThat(described).isEqualTo(http);
        assertThat(listed.at("/LabelingJobSummaryList/0")).isEqualTo(httpListed.at("/LabelingJobSummaryList/0"));
        assertThat(httpListed.at("/LabelingJobSummaryList/0/LabelingJobName").asText())
                .isEqualTo(name);
    }

    private static JsonNode sageMaker(String operation, JsonNode body) throws Exception {
        ObjectNode event = Json.object().put("body", Json.write(body));
        event.putObject("headers").put("x-amz-target", "SageMaker." + operation);
        JsonNode response = new SageMakerApiHandler(services).handle(event, null);
        assertThat(ApiEvents.status(response)).as(response.toString()).isEqualTo(200);
        return ApiEvents.body(response);
    }

    /** A job record in {@code status}, with one open human batch if it is in progress. */
    private static String job(String name, String workteam, LabelingJobStatus status) throws InterruptedException {
        JsonNode request = JobDriver.request(
                name, "animal", "lists/" + name + ".manifest", "lists/categories.json", "ImageMultiClass", workteam, 1);
        assertThat(store.create(JobRecord.created(
                        name,
                        "arn:aws:sagemaker:us-east-1:000000000000:labeling-job/" + name,
                        request,
                        null,
                        Instant.now())))
                .isTrue();
        assertThat(store.transition(name, Set.of(LabelingJobStatus.Initializing), status, null))
                .isTrue();
        if (status == LabelingJobStatus.InProgress) {
            store.startBatch(name, 1, 1);
        }
        Thread.sleep(2); // creation times order the list; keep them apart
        return name;
    }
}
