package dev.verity.labeling;

import static dev.verity.labeling.LabelingBench.PRE_LAMBDA;
import static dev.verity.labeling.LabelingBench.assignmentId;
import static dev.verity.labeling.LabelingBench.objectId;
import static dev.verity.labeling.LabelingBench.token;
import static dev.verity.labeling.LabelingBench.worker;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.json.Json;
import dev.verity.lambda.FunctionFailedException;
import dev.verity.store.Assignment;
import org.junit.jupiter.api.Test;

/** A custom job's pre-annotation Lambda decides each object's task input, or that it needs no task. */
class TaskPreAnnotationTest {

    private final LabelingBench bench = new LabelingBench();

    /** The requester's function: the object's text as task input; "skip" for text 1, a failure for text 2. */
    private JsonNode preAnnotate(JsonNode event) {
        String text = event.at("/dataObject/source").asText();
        if (text.equals("text 1")) {
            return Json.object().put("isHumanAnnotationRequired", false);
        }
        if (text.equals("text 2")) {
            throw new FunctionFailedException(PRE_LAMBDA, "ValueError", "cannot prepare", null);
        }
        ObjectNode response = Json.object();
        response.putObject("taskInput").put("text", text).put("image", "s3://verity-data/images/" + text + ".jpg");
        return response;
    }

    private String customJob(String name, int objects, int workersPerObject) {
        bench.lambdas.reply(PRE_LAMBDA, this::preAnnotate);
        return bench.dispatch(bench.createAndSelect(bench.customRequest(name, objects, workersPerObject)));
    }

    @Test
    void theLambdaGetsGroundTruthsRequestForEachObjectSent() {
        String job = customJob("pre-requests", 1, 1);

        assertThat(bench.lambdas.calls(PRE_LAMBDA)).singleElement().satisfies(call -> {
            assertThat(call.payload().get("version").asText()).isEqualTo("2018-10-16");
            assertThat(call.payload().get("labelingJobArn").asText()).endsWith(":labeling-job/" + job);
            assertThat(call.payload().get("dataObject")).isEqualTo(Json.parse("{\"source\":\"text 0\"}"));
        });
    }

    @Test
    void objectsWhoseLambdaCallsRanAtOnceEachKeepTheirOwnTaskInput() {
        String job = customJob("many-at-once", 30, 1);

        assertThat(bench.lambdas.calls(PRE_LAMBDA)).hasSize(30);
        for (int i = 0; i < 28; i++) { // 30 objects, less the one needing no human and the one whose call failed
            AssignedTask task = bench.next(job, "w" + i);
            assertThat(task.content().taskInput().at("/text").asText()).isEqualTo("text " + objectId(task));
        }
        assertThat(bench.poll(job, "w-last")).isEmpty();
    }

    @Test
    void aWorkerSeesWhatTheLambdaReturnedAndAUrlForEachS3UriInIt() {
        String job = customJob("task-input", 1, 1);

        AssignedTask task = bench.next(job, "w1");

        assertThat(task.content().taskInput().at("/text").asText()).isEqualTo("text 0");
        assertThat(task.content().ui().template().readAccess().get("s3://verity-data/images/text 0.jpg"))
                .startsWith("https://verity-data.s3.fake/images/");
        assertThat(task.content().ui().template().s3Uri()).isEqualTo("s3://verity-data/templates/t.liquid.html");
    }

    @Test
    void aTaskShownAgainToTheWorkerWhoHoldsItKeepsItsInputWithoutCallingTheLambdaAgain() {
        String job = customJob("held-input", 1, 1);
        AssignedTask task = bench.next(job, "w1");

        AssignedTask again = bench.next(job, "w1");

        assertThat(assignmentId(again)).isEqualTo(assignmentId(task));
        assertThat(again.content().taskInput()).isEqualTo(task.content().taskInput());
        assertThat(bench.lambdas.calls(PRE_LAMBDA)).hasSize(1);
    }

    @Test
    void anObjectThatNeedsNoHumanAnnotationGetsNoTaskAndCountsComplete() {
        String job = customJob("no-human", 2, 2);

        assertThat(bench.queue.objectIds(job)).containsExactly("0", "0");
        assertThat(bench.store.isComplete(job, "1")).isTrue();
        assertThat(bench.record(job).completedObjects()).isEqualTo(1);
    }

    @Test
    void anObjectWhoseLambdaFailedGetsNoTaskItsReasonIsKeptAndItCountsComplete() {
        String job = customJob("pre-failed", 3, 1);

        assertThat(bench.queue.objectIds(job)).containsExactly("0");
        assertThat(bench.store.isComplete(job, "2")).isTrue();
        JsonNode failure = Json.parse(bench.objects.text(bench.layout(job).preAnnotationFailure("2")));
        assertThat(failure.get("errorType").asText()).isEqualTo("ValueError");
        assertThat(failure.get("functionArn").asText()).isEqualTo(PRE_LAMBDA);
    }

    @Test
    void whenNoObjectNeedsAWorkerTheWorkflowGoesOnAtDispatch() {
        bench.lambdas.reply(PRE_LAMBDA, Json.object().put("isHumanAnnotationRequired", "false"));
        String job = bench.dispatch(bench.createAndSelect(bench.customRequest("nobody-needed", 2, 1)));

        assertThat(bench.queue.messages(job)).isEmpty();
        assertThat(bench.workflow.resumed(token(job))).isTrue();
    }

    @Test
    void anAnswerTooLargeForTheJobStoreIsKeptInS3AndTheStoreRefersToIt() throws Exception {
        String job = customJob("large-answer", 1, 1);
        AssignedTask task = bench.next(job, "w1");
        ObjectNode answer = Json.object();
        answer.putObject("notes").put("text", "x".repeat(AnswerReference.MAX_STORED_BYTES + 1));

        bench.tasks.submit(assignmentId(task), worker("w1"), answer);

        Assignment stored = bench.store.assignment(job, objectId(task), "w1").orElseThrow();
        assertThat(AnswerReference.of(stored.answer()))
                .contains(bench.layout(job).largeAnswer(1, "0", stored.submittedAt(), stored.workerId()));
        assertThat(AnswerReference.resolve(bench.objects, stored.answer())).isEqualTo(answer);
        assertThat(bench.store.isComplete(job, "0")).isTrue();
    }
}
