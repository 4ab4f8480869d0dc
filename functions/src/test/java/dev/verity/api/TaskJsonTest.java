package dev.verity.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.json.Json;
import dev.verity.labeling.AssignedTask;
import dev.verity.labeling.CrowdAnswer;
import dev.verity.labeling.CrowdTask;
import dev.verity.labeling.DeclinedTask;
import dev.verity.labeling.OpenJob;
import dev.verity.labeling.SubmittedAnswer;
import dev.verity.labeling.TaskContent;
import dev.verity.store.Assignment;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskJsonTest {

    private static TaskContent content(TaskContent.Ui ui) {
        return new TaskContent(
                "cats",
                "ImageClassification",
                "0",
                "Cats",
                "Is it a cat?",
                300,
                Json.parse("{\"taskObject\":\"https://example/0.jpg\"}"),
                null,
                ui);
    }

    @Test
    void anAssignedTaskGivesItsTimesInIso8601BeforeTheTasksContent() {
        var task = new AssignedTask(
                "a1",
                Instant.parse("2026-01-02T03:04:05Z"),
                Instant.parse("2026-01-02T03:09:05Z"),
                content(new TaskContent.Ui(Json.parse("{\"element\":\"crowd-image-classifier\"}"), null, null)));

        assertThat(Json.write(TaskJson.assigned(task)))
                .isEqualTo("{\"assignmentId\":\"a1\",\"acceptedAt\":\"2026-01-02T03:04:05Z\","
                        + "\"deadline\":\"2026-01-02T03:09:05Z\",\"jobName\":\"cats\","
                        + "\"taskType\":\"ImageClassification\",\"datasetObjectId\":\"0\",\"title\":\"Cats\","
                        + "\"description\":\"Is it a cat?\",\"taskTimeLimitInSeconds\":300,"
                        + "\"taskInput\":{\"taskObject\":\"https://example/0.jpg\"},"
                        + "\"ui\":{\"element\":\"crowd-image-classifier\"}}");
    }

    @Test
    void aTemplateJoinsTheToolsUiWithItsUrlAndReadAccess() {
        var template = new TaskContent.Template(
                "s3://b/t.html", "https://b/t.html", Map.of("s3://b/0.jpg", "https://b/0.jpg"));
        var tool = Json.parse("{\"element\":\"crowd-image-classifier\"}");

        var json = TaskJson.assigned(new AssignedTask(
                "a1", Instant.EPOCH, Instant.EPOCH, content(new TaskContent.Ui(tool, null, template))));

        assertThat(Json.write(json.get("ui")))
                .isEqualTo(
                        "{\"element\":\"crowd-image-classifier\",\"template\":\"s3://b/t.html\","
                                + "\"templateUrl\":\"https://b/t.html\",\"readAccess\":{\"s3://b/0.jpg\":\"https://b/0.jpg\"}}");
        assertThat(tool.has("template"))
                .as("the tool's own configuration is left as it was")
                .isFalse();
    }

    @Test
    void aCrowdPreviewHasNoWorkerId() {
        var preview = new CrowdTask(
                "ASSIGNMENT_ID_NOT_AVAILABLE",
                "h1",
                null,
                true,
                false,
                "https://workersandbox.mturk.com/mturk/externalSubmit",
                content(new TaskContent.Ui(Json.object(), "arn:ui", null)));

        var json = TaskJson.crowd(preview);

        assertThat(json.has("workerId")).isFalse();
        assertThat(json.get("preview").asBoolean()).isTrue();
        assertThat(json.at("/ui/humanTaskUiArn").asText()).isEqualTo("arn:ui");
        assertThat(json.get("jobName").asText()).isEqualTo("cats");
    }

    @Test
    void theWorkerPortalsJobsAreAListUnderJobs() {
        var open = List.of(new OpenJob("cats", "Cats", "Is it a cat?", "ImageMultiClass", 300, 3, 12L));

        assertThat(Json.write(TaskJson.openJobs(open)))
                .isEqualTo("{\"jobs\":[{\"jobName\":\"cats\",\"title\":\"Cats\",\"description\":\"Is it a cat?\","
                        + "\"taskType\":\"ImageMultiClass\",\"taskTimeLimitInSeconds\":300,\"workersPerObject\":3,"
                        + "\"objectsRemaining\":12}]}");
        assertThat(Json.write(TaskJson.openJobs(List.of()))).isEqualTo("{\"jobs\":[]}");
    }

    @Test
    void anAnswerGivesItsAssignmentStatusAndObject() {
        var answer = new SubmittedAnswer("a1", Assignment.Status.SUBMITTED, "7");

        assertThat(Json.write(TaskJson.submitted(answer)))
                .isEqualTo("{\"assignmentId\":\"a1\",\"status\":\"SUBMITTED\",\"datasetObjectId\":\"7\"}");
    }

    @Test
    void aCrowdAnswerAddsTheJobAndWhereThePagePostsItNext() {
        var answer = new CrowdAnswer(
                new SubmittedAnswer("3TURK", Assignment.Status.SUBMITTED, "0"),
                "cats",
                "https://workersandbox.mturk.com/mturk/externalSubmit");

        assertThat(Json.write(TaskJson.crowdSubmitted(answer)))
                .isEqualTo(
                        "{\"assignmentId\":\"3TURK\",\"status\":\"SUBMITTED\",\"datasetObjectId\":\"0\","
                                + "\"jobName\":\"cats\",\"submitUrl\":\"https://workersandbox.mturk.com/mturk/externalSubmit\"}");
    }

    @Test
    void aDeclineIsDeclinedWithItsCountAndWhetherTheObjectIsComplete() {
        var declined = new DeclinedTask("a1", "7", 2, true);

        assertThat(Json.write(TaskJson.declined(declined)))
                .isEqualTo("{\"assignmentId\":\"a1\",\"status\":\"DECLINED\",\"datasetObjectId\":\"7\","
                        + "\"declines\":2,\"objectComplete\":true}");
    }
}
