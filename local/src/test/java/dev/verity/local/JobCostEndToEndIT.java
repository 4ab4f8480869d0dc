package dev.verity.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A job's cost through the whole local runtime (the state machine runs it): the workflow's state transitions, the
 * steps' and the workers' invocations and requests, and dollars that add up.
 */
class JobCostEndToEndIT {

    private static final int OBJECTS = 6;

    @Test
    void aJobRunByTheStateMachineCostsItsTransitionsStepsAndAnswers() throws Exception {
        VerityRuntime runtime = SharedRuntime.get();
        Demo.Report report = new Demo(
                        runtime,
                        new Demo.Options("text-classification", OBJECTS, 3, 3, 0.9, 11),
                        new PrintStream(OutputStream.nullOutputStream()))
                .execute();
        assertThat(report.status()).isEqualTo("Completed");
        ApiClient requester = runtime.api(runtime.token("cost-requester", Set.of("requesters")));

        JsonNode cost = settled(requester, report.job());

        assertThat(cost.get("stateTransitions").asLong()).isPositive();
        assertThat(cost.get("objects").asInt()).isEqualTo(OBJECTS);
        for (String function : new String[] {
            "prepare-dataset", "select-objects", "dispatch-tasks", "estimate-workers", "consolidate", "write-output"
        }) {
            assertThat(invocations(cost, function)).as(function).isPositive();
        }
        assertThat(invocations(cost, "worker-api")).isGreaterThanOrEqualTo(2L * OBJECTS * 3);
        assertThat(requests(cost, "ApiGateway", "POST /worker/assignments/{id}"))
                .isEqualTo(OBJECTS * 3L);
        assertThat(requests(cost, "Sqs", "DeleteMessage")).isEqualTo(OBJECTS * 3L);
        double sum = 0;
        for (JsonNode s : cost.get("services")) {
            sum += s.get("dollars").asDouble();
            if (!s.get("service").asText().equals("Other")) {
                assertThat(s.get("dollars").asDouble()).as(s.toString()).isPositive();
            }
        }
        assertThat(cost.get("totalDollars").asDouble()).isCloseTo(sum, within(1e-15));
    }

    /** The cost once the last step's own count is in (it is stored as the step returns, after the job completes). */
    private static JsonNode settled(ApiClient requester, String job) throws Exception {
        for (int attempt = 0; ; attempt++) {
            JsonNode cost = requester.expect(requester.get("/jobs/" + job + "/cost"), "cost");
            if (invocations(cost, "write-output") > 0 || attempt == 20) {
                return cost;
            }
            Thread.sleep(500);
        }
    }

    private static long invocations(JsonNode cost, String function) {
        for (JsonNode f : cost.get("functions")) {
            if (f.get("function").asText().equals(function)) {
                return f.get("invocations").asLong();
            }
        }
        return 0;
    }

    private static long requests(JsonNode cost, String service, String operation) {
        for (JsonNode r : cost.get("requests")) {
            if (r.get("service").asText().equals(service)
                    && r.get("operation").asText().equals(operation)) {
                return r.get("count").asLong();
            }
        }
        return 0;
    }
}
