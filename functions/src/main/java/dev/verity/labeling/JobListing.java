package dev.verity.labeling;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.job.InvalidRequestException;
import dev.verity.job.LabelCounters;
import dev.verity.job.LabelingJobStatus;
import dev.verity.job.NotFoundException;
import dev.verity.job.Violation;
import dev.verity.store.JobRecord;
import dev.verity.store.JobStore;
import dev.verity.workforce.TeamService;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * SageMaker's ListLabelingJobs and ListLabelingJobsForWorkteam: every filter, {@code SortBy}, {@code SortOrder} and
 * paging, over the jobs of the job store (read whole, a page of the store at a time, then filtered and sorted: job
 * counts are the requesters' own). Requests and answers are SageMaker's JSON.
 */
public final class JobListing {
    private static final int STORE_PAGE = 100;
    private static final String TOKEN_PREFIX = "jobs:";

    private final JobStore jobs;
    private final TeamService teams;

    public JobListing(JobStore jobs, TeamService teams) {
        this.jobs = jobs;
        this.teams = teams;
    }

    /** ListLabelingJobs: one page of the matching jobs. */
    public JobPage list(JsonNode request) {
        List<Violation> violations = new ArrayList<>();
        int maxResults = maxResults(request, violations);
        Instant createdAfter = time(request, "CreationTimeAfter", violations);
        Instant createdBefore = time(request, "CreationTimeBefore", violations);
        Instant modifiedAfter = time(request, "LastModifiedTimeAfter", violations);
        Instant modifiedBefore = time(request, "LastModifiedTimeBefore", violations);
        String nameContains = text(request, "NameContains", violations);
        String sortBy = oneOf(request, "SortBy", List.of("Name", "CreationTime", "Status"), "CreationTime", violations);
        boolean descending = descending(request, violations);
        LabelingJobStatus status = null;
        String statusEquals = text(request, "StatusEquals", violations);
        if (statusEquals != null) {
            try {
                status = LabelingJobStatus.valueOf(statusEquals);
            } catch (IllegalArgumentException e) {
                violations.add(new Violation(
                        "StatusEquals", "'" + statusEquals + "' is not one of " + List.of(LabelingJobStatus.values())));
            }
        }
        int offset = offset(request, violations);
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        Predicate<JobRecord> filter =
                j -> (createdAfter == null || j.createdAt().isAfter(createdAfter))
                        && (createdBefore == null || j.createdAt().isBefore(createdBefore))
                        && (modifiedAfter == null || j.modifiedAt().isAfter(modifiedAfter))
                        && (modifiedBefore == null || j.modifiedAt().isBefore(modifiedBefore))
                        && (nameContains == null
                                || j.name().toLowerCase(Locale.ROOT).contains(nameContains.toLowerCase(Locale.ROOT)));
        Comparator<JobRecord> order = switch (sortBy) {
            case "Name" -> Comparator.comparing(JobRecord::name);
            case "Status" ->
                Comparator.comparing((JobRecord j) -> j.status().name()).thenComparing(JobRecord::createdAt);
            default -> Comparator.comparing(JobRecord::createdAt);
        };
        order = order.thenComparing(JobRecord::name);
        List<JobRecord> matching = all(status).stream()
                .filter(filter)
                .sorted(descending ? order.reversed() : order)
                .toList();
        return new JobPage(
                page(matching, offset, maxResults).stream()
                        .map(JobService::summary)
                        .toList(),
                nextToken(matching.size(), offset, maxResults).orElse(null));
    }

    /** ListLabelingJobsForWorkteam: the jobs whose {@code HumanTaskConfig.WorkteamArn} is the team's. */
    public WorkteamJobPage listForWorkteam(JsonNode request) {
        List<Violation> violations = new ArrayList<>();
        String arn = text(request, "WorkteamArn", violations);
        if (arn == null && violations.isEmpty()) {
            violations.add(new Violation("WorkteamArn", "is required"));
        }
        int maxResults = maxResults(request, violations);
        Instant createdAfter = time(request, "CreationTimeAfter", violations);
        Instant createdBefore = time(request, "CreationTimeBefore", violations);
        String codeContains = text(request, "JobReferenceCodeContains", violations);
        oneOf(request, "SortBy", List.of("CreationTime"), "CreationTime", violations);
        boolean descending = descending(request, violations);
        int offset = offset(request, violations);
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        if (!TeamService.isPublicCrowd(arn) && teams.teamOf(arn).isEmpty()) {
            throw new NotFoundException("no work team with ARN " + arn);
        }
        Comparator<JobRecord> order = Comparator.comparing(JobRecord::createdAt).thenComparing(JobRecord::name);
        List<WorkteamJobPage.Job> matching = all(null).stream()
                .filter(j -> arn.equals(
                        j.request().path("HumanTaskConfig").path("WorkteamArn").asText()))
                .filter(j -> createdAfter == null || j.createdAt().isAfter(createdAfter))
                .filter(j -> createdBefore == null || j.createdAt().isBefore(createdBefore))
                .sorted(descending ? order.reversed() : order)
                .map(JobListing::forWorkteam)
                .filter(s -> codeContains == null || s.jobReferenceCode().contains(codeContains))
                .toList();
        return new WorkteamJobPage(
                page(matching, offset, maxResults),
                nextToken(matching.size(), offset, maxResults).orElse(null));
    }

    private static WorkteamJobPage.Job forWorkteam(JobRecord job) {
        LabelCounters counters = JobService.counters(job);
        JsonNode workers = job.request().path("HumanTaskConfig").path("NumberOfHumanWorkersPerDataObject");
        return new WorkteamJobPage.Job(
                job.name(),
                JobService.jobReferenceCode(job),
                job.arn().split(":")[4],
                job.createdAt(),
                counters.humanLabeled(),
                counters.unlabeled(),
                job.selectedObjects(),
                workers.isNumber() ? workers.asInt() : null);
    }

    private List<JobRecord> all(LabelingJobStatus status) {
        List<JobRecord> all = new ArrayList<>();
        String token = null;
        do {
            JobStore.Page page = jobs.list(STORE_PAGE, token, status);
            all.addAll(page.jobs());
            token = page.nextPageToken();
        } while (token != null);
        return all;
    }

    private static <T> List<T> page(List<T> items, int offset, int maxResults) {
        return items.subList(Math.min(offset, items.size()), Math.min(offset + maxResults, items.size()));
    }

    private static Optional<String> nextToken(int size, int offset, int maxResults) {
        int next = offset + maxResults;
        return next < size
                ? Optional.of(Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString((TOKEN_PREFIX + next).getBytes(StandardCharsets.UTF_8)))
                : Optional.empty();
    }

    private static int offset(JsonNode request, List<Violation> violations) {
        String token = text(request, "NextToken", violations);
        if (token == null) {
            return 0;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.startsWith(TOKEN_PREFIX)) {
                int offset = Integer.parseInt(decoded.substring(TOKEN_PREFIX.length()));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // below
        }
        violations.add(new Violation("NextToken", "is not a token a previous page of this list answered"));
        return 0;
    }

    private static int maxResults(JsonNode request, List<Violation> violations) {
        JsonNode node = request.get("MaxResults");
        if (node == null || node.isNull()) {
            return 10;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < 1 || node.asInt() > 100) {
            violations.add(new Violation("MaxResults", "must be a whole number from 1 to 100, not " + node));
            return 10;
        }
        return node.asInt();
    }

    private static boolean descending(JsonNode request, List<Violation> violations) {
        return oneOf(request, "SortOrder", List.of("Ascending", "Descending"), "Ascending", violations)
                .equals("Descending");
    }

    private static String oneOf(
            JsonNode request, String field, List<String> allowed, String fallback, List<Violation> violations) {
        String value = text(request, field, violations);
        if (value == null) {
            return fallback;
        }
        if (!allowed.contains(value)) {
            violations.add(new Violation(field, "'" + value + "' is not one of " + allowed));
            return fallback;
        }
        return value;
    }

    private static String text(JsonNode request, String field, List<Violation> violations) {
        JsonNode node = request.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            violations.add(new Violation(field, "must be a string, not " + node));
            return null;
        }
        return node.asText();
    }

    /** A timestamp as SageMaker takes one: epoch seconds (a number) or an ISO 8601 string. */
    private static Instant time(JsonNode request, String field, List<Violation> violations) {
        JsonNode node = request.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return Instant.ofEpochMilli(node.decimalValue().movePointRight(3).longValue());
        }
        if (node.isTextual()) {
            try {
                return Instant.parse(node.asText());
            } catch (DateTimeParseException e) {
                // below
            }
        }
        violations.add(new Violation(field, "must be a time in epoch seconds or ISO 8601, not " + node));
        return null;
    }
}
