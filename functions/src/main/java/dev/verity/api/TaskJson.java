package dev.verity.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.json.Json;
import dev.verity.labeling.AssignedTask;
import dev.verity.labeling.CrowdAnswer;
import dev.verity.labeling.CrowdTask;
import dev.verity.labeling.DeclinedTask;
import dev.verity.labeling.OpenJob;
import dev.verity.labeling.SubmittedAnswer;
import dev.verity.labeling.TaskContent;
import dev.verity.store.Assignment;
import java.util.List;

/**
 * Tasks as the worker portal and the public crowd's task page get them: the portal's open jobs
 * ({@code GET /worker/jobs}); a task ({@code POST /worker/jobs/{name}/tasks/next},
 * {@code GET /mturk/jobs/{name}/objects/{id}/task}: their own fields, then the task's content); and the replies to an
 * answer ({@code POST /worker/assignments/{id}}, {@code POST /mturk/jobs/{name}/objects/{id}/answers}) or a decline
 * ({@code POST /worker/assignments/{id}/decline}).
 */
public final class TaskJson {

    private TaskJson() {}

    public static ObjectNode openJobs(List<OpenJob> jobs) {
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("jobs");
        for (OpenJob job : jobs) {
            list.addObject()
                    .put("jobName", job.jobName())
                    .put("title", job.title())
                    .put("description", job.description())
                    .put("taskType", job.taskType())
                    .put("taskTimeLimitInSeconds", job.taskTimeLimitInSeconds())
                    .put("workersPerObject", job.workersPerObject())
                    .put("objectsRemaining", job.objectsRemaining());
        }
        return out;
    }

    public static ObjectNode assigned(AssignedTask task) {
        ObjectNode out = Json.object()
                .put("assignmentId", task.assignmentId())
                .put("acceptedAt", task.acceptedAt().toString())
                .put("deadline", task.deadline().toString());
        return content(out, task.content());
    }

    public static ObjectNode crowd(CrowdTask task) {
        ObjectNode out = Json.object().put("assignmentId", task.assignmentId()).put("hitId", task.hitId());
        if (task.workerId() != null) {
            out.put("workerId", task.workerId());
        }
        out.put("preview", task.preview()).put("answered", task.answered()).put("submitUrl", task.submitUrl());
        return content(out, task.content());
    }

    private static ObjectNode content(ObjectNode out, TaskContent task) {
        out.put("jobName", task.jobName())
                .put("taskType", task.taskType())
                .put("datasetObjectId", task.datasetObjectId())
                .put("title", task.title())
                .put("description", task.description())
                .put("taskTimeLimitInSeconds", task.taskTimeLimitInSeconds());
        out.set("taskInput", task.taskInput());
        if (task.instructions() != null) {
            out.set("instructions", task.instructions());
        }
        out.set("ui", ui(task.ui()));
        return out;
    }

    private static ObjectNode ui(TaskContent.Ui ui) {
        ObjectNode out = ui.tool().deepCopy();
        if (ui.humanTaskUiArn() != null) {
            out.put("humanTaskUiArn", ui.humanTaskUiArn());
        }
        if (ui.template() != null) {
            out.put("template", ui.template().s3Uri());
            out.put("templateUrl", ui.template().url());
            ObjectNode readAccess = out.putObject("readAccess");
            ui.template().readAccess().forEach(readAccess::put);
        }
        return out;
    }

    public static ObjectNode submitted(SubmittedAnswer answer) {
        return Json.object()
                .put("assignmentId", answer.assignmentId())
                .put("status", answer.status().name())
                .put("datasetObjectId", answer.datasetObjectId());
    }

    public static ObjectNode crowdSubmitted(CrowdAnswer answer) {
        return submitted(answer.answer()).put("jobName", answer.jobName()).put("submitUrl", answer.submitUrl());
    }

    public static ObjectNode declined(DeclinedTask task) {
        return Json.object()
                .put("assignmentId", task.assignmentId())
                .put("status", Assignment.Status.DECLINED.name())
                .put("datasetObjectId", task.datasetObjectId())
                .put("declines", task.declines())
                .put("objectComplete", task.objectComplete());
    }
}
