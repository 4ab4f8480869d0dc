package dev.verity.labeling;

import java.util.Optional;
import java.util.TreeSet;

/**
 * Which workers a job is open to (Ground Truth's portal shows workers the jobs of their teams): a job sent to a
 * private team, {@code arn:...:workteam/private-crowd/<team>}, is open to workers whose groups
 * ({@code cognito:groups}) contain {@code <team>}; jobs for the other workforces (public-crowd, vendor) are open to
 * every signed-in worker, whose own marketplace or vendor decides who works.
 */
final class TeamAccess {

    private static final String WORKTEAM = ":workteam/";
    private static final String PRIVATE = "private-crowd";

    private TeamAccess() {}

    /** The private team a job's work team ARN names, or empty for the other workforces. */
    static Optional<String> privateTeam(String workteamArn) {
        if (workteamArn == null) {
            return Optional.empty();
        }
        int at = workteamArn.indexOf(WORKTEAM);
        if (at < 0) {
            return Optional.empty();
        }
        String[] parts = workteamArn.substring(at + WORKTEAM.length()).split("/", 2);
        return parts.length == 2 && parts[0].equals(PRIVATE) && !parts[1].isEmpty()
                ? Optional.of(parts[1])
                : Optional.empty();
    }

    static boolean isOpenTo(String workteamArn, Worker worker) {
        return privateTeam(workteamArn)
                .map(team -> worker.groups().contains(team))
                .orElse(true);
    }

    /** Refuses a worker outside the job's private team, naming the team and the worker's groups. */
    static void check(String jobName, String workteamArn, Worker worker) {
        Optional<String> team = privateTeam(workteamArn);
        if (team.isPresent() && !worker.groups().contains(team.get())) {
            throw new ForbiddenException("labeling job '" + jobName + "' is open only to work team '" + team.get()
                    + "'; your groups are " + new TreeSet<>(worker.groups()));
        }
    }
}
