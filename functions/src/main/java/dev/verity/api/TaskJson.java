package dev.verity.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.json.Json;
import dev.verity.labeling.AssignedTask;
import dev.verity.labeling.CrowdTask;
import dev.verity.labeling.TaskContent;

/**
 * A task as the worker portal ({@code POST /worker/jobs/{name}/tasks/next}) and the public crowd's task page
 * ({@code GET /mturk/jobs/{name}/objects/{id}/task}) get it: their own fields, then the task's content.
 */
public final class TaskJson {

    private TaskJson() {}

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
}
