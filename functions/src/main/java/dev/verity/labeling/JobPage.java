package dev.verity.labeling;

import java.util.List;

/** One page of jobs, and the token of the next page (null on the last one). */
public record JobPage(List<JobSummary> jobs, String nextToken) {}
