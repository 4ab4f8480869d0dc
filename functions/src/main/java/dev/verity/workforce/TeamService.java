package dev.verity.workforce;

import dev.verity.job.ConflictException;
import dev.verity.job.LabelingJobStatus;
import dev.verity.job.LimitExceededException;
import dev.verity.job.NotFoundException;
import dev.verity.job.PublicCrowd;
import dev.verity.job.Violation;
import dev.verity.job.Violations;
import dev.verity.notify.NotificationTopics;
import dev.verity.store.JobRecord;
import dev.verity.store.JobStore;
import dev.verity.store.TeamStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Work teams, SageMaker's CreateWorkteam, DescribeWorkteam, ListWorkteams, UpdateWorkteam and DeleteWorkteam, and
 * which workers a job's {@code WorkteamArn} admits.
 *
 * <p>A private team's ARN is {@code arn:aws:sagemaker:<region>:<account>:workteam/private-crowd/<name>}, as in Ground
 * Truth, and names the team by its name (ignoring case). The default team {@value #DEFAULT_TEAM} exists from the
 * start: it admits every worker of the private workforce (the {@value #WORKERS_GROUP} group) and is stored the first
 * time a requester reads or changes it. The public crowd's ARN ({@code …:394669845002:workteam/public-crowd/default})
 * is open to every signed-in worker.
 */
public final class TeamService {

    public static final String DEFAULT_TEAM = "Everyone-in-private-workforce";
    /** The group every worker of the private workforce is in (the Cognito group the stack creates for workers). */
    public static final String WORKERS_GROUP = "workers";

    static final int DEFAULT_MAX_RESULTS = 10;
    /** SageMaker's quota of work teams per account and Region. */
    public static final int MAX_TEAMS = 25;

    private static final String WORKTEAM = ":workteam/";
    private static final String PRIVATE_CROWD = "private-crowd/";
    /** Jobs whose team must stay: a worker may still take their tasks. */
    private static final Set<LabelingJobStatus> ACTIVE =
            EnumSet.of(LabelingJobStatus.Initializing, LabelingJobStatus.InProgress, LabelingJobStatus.Stopping);

    private final TeamStore teams;
    private final JobStore jobs;
    private final Clock clock;
    private final String region;
    private final NotificationTopics topics;
    private final String topicPrefix;

    /** Teams without notification topics of Verity's making. */
    public TeamService(TeamStore teams, JobStore jobs, Clock clock, String region) {
        this(teams, jobs, clock, region, null, null);
    }

    /**
     * @param topics      where a team's notification topic is made when its first member is invited
     * @param topicPrefix such topics are named this and the team name
     */
    public TeamService(
            TeamStore teams, JobStore jobs, Clock clock, String region, NotificationTopics topics, String topicPrefix) {
        this.teams = teams;
        this.jobs = jobs;
        this.clock = clock;
        this.region = region;
        this.topics = topics;
        this.topicPrefix = topicPrefix;
    }

    /**
     * CreateWorkteam.
     *
     * @throws ConflictException if a team of that name (ignoring case) exists, the default team included
     */
    public Workteam create(WorkteamRequest request, String accountId) {
        if (teams.list().size() >= MAX_TEAMS) {
            throw new LimitExceededException(new Violation(
                    "WorkteamName",
                    "an account has at most " + MAX_TEAMS + " work teams (Ground Truth's quota, the default team"
                            + " included): delete one first"));
        }
        Instant now = clock.instant();
        Workteam team = new Workteam(
                request.name(),
                arn(accountId, request.name()),
                workforceArn(accountId),
                request.memberDefinitions(),
                request.description(),
                blankToNull(request.notificationTopicArn()),
                request.workerAccessConfiguration(),
                now,
                now);
        if (isDefault(request.name()) || !teams.create(team)) {
            throw new ConflictException("a work team named '" + request.name() + "' exists already"
                    + " (team names are unique, ignoring case)");
        }
        return team;
    }

    /** DescribeWorkteam; NotFoundException if there is no such team. */
    public Workteam describe(String name, String accountId) {
        return stored(name, accountId).orElseThrow(() -> notFound(name));
    }

    /**
     * ListWorkteams: teams whose name contains {@code nameContains} (ignoring case; null for all), sorted by
     * {@code sortBy} ({@code Name} or {@code CreateDate}, the default) in {@code sortOrder} ({@code Ascending}, the
     * default, or {@code Descending}), {@code maxResults} (1–100, default 10) to a page.
     *
     * @throws dev.verity.job.InvalidRequestException naming the parameter that breaks a rule
     */
    public Page list(
            String sortBy,
            String sortOrder,
            String nameContains,
            String nextToken,
            String maxResults,
            String accountId) {
        Violations violations = new Violations();
        String by = sortBy == null ? "CreateDate" : sortBy;
        if (!by.equals("Name") && !by.equals("CreateDate")) {
            violations.add("SortBy", "must be Name or CreateDate, got \"" + sortBy + "\"");
        }
        String order = sortOrder == null ? "Ascending" : sortOrder;
        if (!order.equals("Ascending") && !order.equals("Descending")) {
            violations.add("SortOrder", "must be Ascending or Descending, got \"" + sortOrder + "\"");
        }
        if (nameContains != null
                && (nameContains.isEmpty()
                        || nameContains.length() > WorkteamRequest.MAX_NAME_LENGTH
                        || !nameContains.matches("[a-zA-Z0-9\\-]+"))) {
            violations.add("NameContains", "must be 1-63 letters, digits and hyphens, got \"" + nameContains + "\"");
        }
        int limit = DEFAULT_MAX_RESULTS;
        if (maxResults != null) {
            try {
                limit = Integer.parseInt(maxResults);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > 100) {
                violations.add("MaxResults", "must be a whole number between 1 and 100, got \"" + maxResults + "\"");
            }
        }
        String after = null;
        if (nextToken != null) {
            after = afterKey(nextToken, by, order);
            if (after == null) {
                violations.add("NextToken", "is not a token ListWorkteams gave out for this SortBy and SortOrder");
            }
        }
        violations.throwIfAny();

        Function<Workteam, String> key = by.equals("Name")
                ? t -> t.name().toLowerCase(Locale.ROOT)
                : t -> String.format("%020d", t.createDate().toEpochMilli()) + "\n"
                        + t.name().toLowerCase(Locale.ROOT);
        Comparator<String> keys = order.equals("Ascending") ? Comparator.naturalOrder() : Comparator.reverseOrder();
        String needle = nameContains == null ? null : nameContains.toLowerCase(Locale.ROOT);
        List<Workteam> all = new ArrayList<>(all(accountId));
        all.removeIf(t -> needle != null && !t.name().toLowerCase(Locale.ROOT).contains(needle));
        String start = after;
        all.removeIf(t -> start != null && keys.compare(key.apply(t), start) <= 0);
        all.sort(Comparator.comparing(key, keys));
        List<Workteam> page = List.copyOf(all.subList(0, Math.min(limit, all.size())));
        String next = all.size() > limit ? token(by, order, key.apply(page.get(page.size() - 1))) : null;
        return new Page(page, next);
    }

    /** One page of teams and the token of the next, or null if this is the last. */
    public record Page(List<Workteam> workteams, String nextToken) {}

    /**
     * UpdateWorkteam: the member definitions, description, notification topic and worker access the request gives
     * replace the team's; the rest stays.
     */
    public Workteam update(WorkteamRequest request, String accountId) {
        Workteam team = stored(request.name(), accountId).orElseThrow(() -> notFound(request.name()));
        String topic = request.notificationTopicArn() == null
                ? team.notificationTopicArn()
                : blankToNull(request.notificationTopicArn());
        Workteam updated = new Workteam(
                team.name(),
                team.arn(),
                team.workforceArn(),
                request.memberDefinitions() == null ? team.memberDefinitions() : request.memberDefinitions(),
                request.description() == null ? team.description() : request.description(),
                topic,
                request.workerAccessConfiguration() == null
                        ? team.workerAccessConfiguration()
                        : request.workerAccessConfiguration(),
                team.createDate(),
                clock.instant());
        teams.put(updated);
        return updated;
    }

    /**
     * DeleteWorkteam.
     *
     * @throws NotFoundException if there is no such team
     * @throws ConflictException for the default team, or while a job that is not over is sent to the team
     */
    public void delete(String name) {
        if (isDefault(name)) {
            throw new ConflictException("the default team '" + DEFAULT_TEAM + "' cannot be deleted");
        }
        Workteam team = teams.get(name).orElseThrow(() -> notFound(name));
        List<String> using = activeJobsOf(team.name());
        if (!using.isEmpty()) {
            throw new ConflictException("work team '" + team.name() + "' is in use by labeling jobs that are not over: "
                    + String.join(", ", using));
        }
        if (!teams.delete(team.name())) {
            throw notFound(name);
        }
        if (ownTopic(team)) {
            topics.delete(team.notificationTopicArn());
        }
    }

    /**
     * The team with a notification topic: the one its {@code NotificationConfiguration} names, or else one Verity
     * makes for it now ({@code <prefix><team name>}) and records as the team's (a Verity addition: Ground Truth
     * leaves making the topic to the requester).
     */
    public Workteam withTopic(String name, String accountId) {
        Workteam team = describe(name, accountId);
        if (team.notificationTopicArn() != null || topics == null) {
            return team;
        }
        String topic = topics.create(topicPrefix + team.name());
        Workteam updated = new Workteam(
                team.name(),
                team.arn(),
                team.workforceArn(),
                team.memberDefinitions(),
                team.description(),
                topic,
                team.workerAccessConfiguration(),
                team.createDate(),
                clock.instant());
        teams.put(updated);
        return updated;
    }

    /** The private team a job's {@code WorkteamArn} names, if it exists. */
    public Optional<Workteam> teamOf(String workteamArn) {
        return privateTeam(workteamArn).flatMap(this::find);
    }

    /** Whether the team's topic is one Verity made (and so deletes with the team). */
    private boolean ownTopic(Workteam team) {
        return topics != null
                && team.notificationTopicArn() != null
                && team.notificationTopicArn().endsWith(":" + topicPrefix + team.name());
    }

    /**
     * What is wrong with a CreateLabelingJob request's {@code HumanTaskConfig.WorkteamArn}, if anything: it must name
     * the public crowd or an existing private team.
     */
    public Optional<String> jobTeamProblem(String workteamArn) {
        if (workteamArn == null || isPublicCrowd(workteamArn)) {
            return Optional.empty();
        }
        Optional<String> name = privateTeam(workteamArn);
        if (name.isEmpty()) {
            return Optional.of(
                    "names no work team Verity has: use a private team's ARN (…:workteam/private-crowd/"
                            + "<team>, see GET /workteams) or the public crowd's (…:394669845002:workteam/public-crowd/default)");
        }
        if (find(name.get()).isEmpty()) {
            return Optional.of("names work team '" + name.get() + "', which does not exist (create it with"
                    + " POST /workteams, or use the default team '" + DEFAULT_TEAM + "')");
        }
        return Optional.empty();
    }

    /**
     * Whether a worker in {@code groups} may see and work on a job sent to {@code workteamArn}: a private team's
     * members only (no one, if the team is gone); the public crowd and other workforces, every signed-in worker.
     */
    public boolean admits(String workteamArn, WorkerGroups groups) {
        return privateTeam(workteamArn)
                .map(name -> find(name).map(team -> team.admits(groups)).orElse(false))
                .orElse(true);
    }

    /** Why {@link #admits} refuses, for the worker's error message. */
    public String refusal(String jobName, String workteamArn, WorkerGroups groups) {
        String team = privateTeam(workteamArn).orElse(workteamArn);
        return "labeling job '" + jobName + "' is open only to the members of work team '" + team
                + "'; your groups are " + groups;
    }

    /** The private team a work team ARN names ({@code …:workteam/private-crowd/<name>}), or empty. */
    public static Optional<String> privateTeam(String workteamArn) {
        if (workteamArn == null) {
            return Optional.empty();
        }
        int at = workteamArn.indexOf(WORKTEAM);
        if (at < 0) {
            return Optional.empty();
        }
        String rest = workteamArn.substring(at + WORKTEAM.length());
        return rest.startsWith(PRIVATE_CROWD) && rest.length() > PRIVATE_CROWD.length()
                ? Optional.of(rest.substring(PRIVATE_CROWD.length()))
                : Optional.empty();
    }

    public static boolean isPublicCrowd(String workteamArn) {
        return PublicCrowd.isPublicCrowd(workteamArn);
    }

    /** The team, stored or (the default one, never changed yet) built in; reads only. */
    private Optional<Workteam> find(String name) {
        Optional<Workteam> team = teams.get(name);
        if (team.isEmpty() && isDefault(name)) {
            return Optional.of(defaultTeam("000000000000", Instant.EPOCH));
        }
        return team;
    }

    /** The stored team; the default one is stored now if it was not yet, so that it has a creation date. */
    private Optional<Workteam> stored(String name, String accountId) {
        Optional<Workteam> team = teams.get(name);
        if (team.isEmpty() && isDefault(name)) {
            teams.create(defaultTeam(accountId, clock.instant())); // false: another caller stored it first
            team = teams.get(name);
        }
        return team;
    }

    private List<Workteam> all(String accountId) {
        List<Workteam> all = new ArrayList<>(teams.list());
        if (all.stream().noneMatch(t -> isDefault(t.name()))) {
            stored(DEFAULT_TEAM, accountId).ifPresent(all::add);
        }
        return all;
    }

    private Workteam defaultTeam(String accountId, Instant created) {
        return new Workteam(
                DEFAULT_TEAM,
                arn(accountId, DEFAULT_TEAM),
                workforceArn(accountId),
                List.of(new MemberDefinition.Cognito(region + "_workforce", WORKERS_GROUP, "verity")),
                "Every worker of the private workforce",
                null,
                null,
                created,
                created);
    }

    private List<String> activeJobsOf(String teamName) {
        List<String> using = new ArrayList<>();
        String token = null;
        do {
            JobStore.Page page = jobs.list(100, token, null);
            for (JobRecord job : page.jobs()) {
                String arn = job.request()
                        .path("HumanTaskConfig")
                        .path("WorkteamArn")
                        .asText(null);
                if (ACTIVE.contains(job.status())
                        && privateTeam(arn).filter(teamName::equalsIgnoreCase).isPresent()) {
                    using.add(job.name());
                }
            }
            token = page.nextPageToken();
        } while (token != null);
        return using;
    }

    private static boolean isDefault(String name) {
        return DEFAULT_TEAM.equalsIgnoreCase(name);
    }

    private String arn(String accountId, String name) {
        return "arn:aws:sagemaker:" + region + ":" + accountId + ":workteam/private-crowd/" + name;
    }

    private String workforceArn(String accountId) {
        return "arn:aws:sagemaker:" + region + ":" + accountId + ":workforce/default";
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static NotFoundException notFound(String name) {
        return new NotFoundException("no work team named '" + name + "'");
    }

    private static String token(String sortBy, String order, String key) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((sortBy + "\n" + order + "\n" + key).getBytes(StandardCharsets.UTF_8));
    }

    /** The sort key a token resumes after, or null if it is not one {@link #list} gave for this order. */
    private static String afterKey(String token, String sortBy, String order) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\n", 3);
            return parts.length == 3 && parts[0].equals(sortBy) && parts[1].equals(order) && !parts[2].isEmpty()
                    ? parts[2]
                    : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
