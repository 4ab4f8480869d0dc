package dev.verity.workforce;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.job.LabelingJobStatus;
import dev.verity.notify.NotificationTopics;
import dev.verity.store.JobRecord;
import dev.verity.store.JobStore;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The mails Ground Truth sends, as notices on topics: to a job's work team when its tasks are first dispatched ("a
 * new labeling job is available", on the team's topic, if it has one) and a day before they expire, and to the
 * requesters when a job ends
 * (completed, failed or stopped, on the job-events topic, with the counters and the output location). Each notice is
 * sent at most once per job: a retried step claims it again and sends nothing. A notice carries the job's title and
 * the portal link, never a token or a worker's answer.
 */
public final class JobNotices {

    private static final String AVAILABLE = "available";
    private static final String EXPIRING = "expiring";
    private static final String ENDED = "ended";
    /** How long before a job's tasks expire its team is reminded, as Ground Truth does. */
    static final Duration REMINDER = Duration.ofDays(1);

    private final TeamService teams;
    private final JobStore jobs;
    private final NotificationTopics topics;
    private final String jobEventsTopicArn;
    private final String portalUrl;
    private final Clock clock;

    /**
     * @param jobEventsTopicArn the requesters' topic, or null to send them nothing
     * @param portalUrl         the web UI's base URL (no trailing slash), for the links
     */
    public JobNotices(
            TeamService teams,
            JobStore jobs,
            NotificationTopics topics,
            String jobEventsTopicArn,
            String portalUrl,
            Clock clock) {
        this.teams = teams;
        this.clock = clock;
        this.jobs = jobs;
        this.topics = topics;
        this.jobEventsTopicArn = jobEventsTopicArn;
        this.portalUrl = portalUrl.replaceAll("/+$", "");
    }

    /** Tells the job's team that it has work, the first time the job's tasks are dispatched. */
    public void jobAvailable(JobRecord job) {
        JsonNode task = job.request().path("HumanTaskConfig");
        var team = teams.teamOf(task.path("WorkteamArn").asText(null));
        if (team.isEmpty() || team.get().notificationTopicArn() == null || !jobs.claimNotice(job.name(), AVAILABLE)) {
            return;
        }
        String title = task.path("TaskTitle").asText(job.name());
        topics.publish(
                team.get().notificationTopicArn(),
                "New labeling job: " + title,
                "A new labeling job is available to your work team "
                        + team.get().name() + ".\n\n"
                        + title + "\n" + task.path("TaskDescription").asText("") + "\n\n"
                        + "Sign in to the worker portal to start: " + portalUrl + "/#/work/"
                        + URLEncoder.encode(job.name(), StandardCharsets.UTF_8) + "\n\n"
                        + "You get this because you are a member of the work team "
                        + team.get().name() + ".\n");
    }

    /**
     * Reminds the teams of running jobs whose tasks expire within a day: {@code TaskAvailabilityLifetimeInSeconds}
     * after the team was told of the job (jobs whose tasks live a day or less get no reminder), once per job. Answers
     * the jobs whose teams were reminded.
     */
    public List<String> remindExpiring() {
        Instant now = clock.instant();
        List<String> reminded = new ArrayList<>();
        String token = null;
        do {
            JobStore.Page page = jobs.list(100, token, LabelingJobStatus.InProgress);
            for (JobRecord job : page.jobs()) {
                if (remind(job, now)) {
                    reminded.add(job.name());
                }
            }
            token = page.nextPageToken();
        } while (token != null);
        return reminded;
    }

    private boolean remind(JobRecord job, Instant now) {
        JsonNode task = job.request().path("HumanTaskConfig");
        long lifetime = task.path("TaskAvailabilityLifetimeInSeconds").asLong(0);
        var team = teams.teamOf(task.path("WorkteamArn").asText(null));
        if (lifetime <= REMINDER.toSeconds() || team.isEmpty() || team.get().notificationTopicArn() == null) {
            return false;
        }
        Optional<Instant> told = jobs.noticeClaimed(job.name(), AVAILABLE);
        if (told.isEmpty()) {
            return false;
        }
        Instant expires = told.get().plusSeconds(lifetime);
        if (now.isBefore(expires.minus(REMINDER))
                || !now.isBefore(expires)
                || !jobs.claimNotice(job.name(), EXPIRING)) {
            return false;
        }
        String title = task.path("TaskTitle").asText(job.name());
        topics.publish(
                team.get().notificationTopicArn(),
                "Labeling job about to expire: " + title,
                "The labeling job \"" + title + "\" of your work team "
                        + team.get().name()
                        + " stops handing out tasks at " + expires.truncatedTo(ChronoUnit.MINUTES) + " (UTC).\n\n"
                        + "Its remaining tasks are in the worker portal: " + portalUrl + "/#/work/"
                        + URLEncoder.encode(job.name(), StandardCharsets.UTF_8) + "\n");
        return true;
    }

    /** Tells the requesters that the job completed, failed or stopped. */
    public void jobEnded(JobRecord job) {
        LabelingJobStatus status = job.status();
        if (jobEventsTopicArn == null || !jobs.claimNotice(job.name(), ENDED)) {
            return;
        }
        StringBuilder body = new StringBuilder()
                .append("Labeling job ")
                .append(job.name())
                .append(' ')
                .append(verb(status))
                .append(".\n\n")
                .append("Status: ")
                .append(status)
                .append('\n');
        if (job.failureReason() != null) {
            body.append("Reason: ").append(job.failureReason()).append('\n');
        }
        body.append("Objects selected: ").append(job.selectedObjects()).append('\n');
        body.append("Objects labeled: ").append(job.labeledObjects()).append('\n');
        body.append("  by a model: ").append(job.machineLabeledObjects()).append('\n');
        if (job.outputManifestUri() != null) {
            body.append("Output manifest: ").append(job.outputManifestUri()).append('\n');
        }
        body.append("\nJob page: ")
                .append(portalUrl)
                .append("/#/console/jobs/")
                .append(URLEncoder.encode(job.name(), StandardCharsets.UTF_8))
                .append('\n');
        topics.publish(jobEventsTopicArn, "Labeling job " + job.name() + " " + verb(status), body.toString());
    }

    private static String verb(LabelingJobStatus status) {
        return switch (status) {
            case Completed -> "completed";
            case Failed -> "failed";
            case Stopped -> "stopped";
            default -> "is " + status;
        };
    }
}
