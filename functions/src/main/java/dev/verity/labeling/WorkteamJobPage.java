package dev.verity.labeling;

import java.time.Instant;
import java.util.List;

/** One page of a work team's jobs (Ground Truth's ListLabelingJobsForWorkteam), and the next page's token or null. */
public record WorkteamJobPage(List<Job> jobs, String nextToken) {

    /**
     * A job as its work team sees it (Ground Truth's {@code LabelingJobForWorkteamSummary}).
     *
     * @param total                            the job's selected objects
     * @param numberOfHumanWorkersPerDataObject null if the request does not give it as a number
     */
    public record Job(
            String name,
            String jobReferenceCode,
            String workRequesterAccountId,
            Instant createdAt,
            long humanLabeled,
            long pendingHuman,
            long total,
            Integer numberOfHumanWorkersPerDataObject) {}
}
