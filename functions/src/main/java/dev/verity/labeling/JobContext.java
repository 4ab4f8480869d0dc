package dev.verity.labeling;

import dev.verity.job.CreateLabelingJobRequest;
import dev.verity.job.LabelCategoryConfig;
import dev.verity.job.NotFoundException;
import dev.verity.job.PublicCrowd;
import dev.verity.store.JobRecord;
import dev.verity.store.JobStore;
import dev.verity.tasktype.Custom;
import dev.verity.tasktype.TaskType;
import dev.verity.tasktype.TaskTypes;

/** A stored job with its parsed request, task type, label categories and file layout. */
record JobContext(
        JobRecord record,
        CreateLabelingJobRequest request,
        TaskType taskType,
        LabelCategoryConfig categories,
        JobLayout layout) {

    static JobContext load(JobStore jobs, String jobName) {
        JobRecord record =
                jobs.get(jobName).orElseThrow(() -> new NotFoundException("no labeling job named '" + jobName + "'"));
        CreateLabelingJobRequest request = CreateLabelingJobRequest.parse(record.request());
        TaskType taskType = TaskTypes.of(request.taskTypeName());
        LabelCategoryConfig categories = record.categories() == null
                ? null
                : LabelCategoryConfig.parse(record.categories(), taskType.minLabels());
        return new JobContext(record, request, taskType, categories, JobLayout.of(request));
    }

    String name() {
        return record.name();
    }

    /** A custom workflow: the requester's Lambdas prepare tasks and consolidate answers. */
    boolean isCustom() {
        return taskType instanceof Custom;
    }

    /** Sent to the public crowd: its tasks are Mechanical Turk HITs, not messages of the job's queue. */
    boolean isPublicCrowd() {
        return PublicCrowd.isPublicCrowd(request.humanTaskConfig().workteamArn());
    }

    int workersPerObject() {
        return request.humanTaskConfig().numberOfHumanWorkersPerDataObject();
    }
}
