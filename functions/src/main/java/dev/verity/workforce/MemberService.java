package dev.verity.workforce;

import dev.verity.job.InvalidRequestException;
import dev.verity.job.NotFoundException;
import dev.verity.job.Violation;
import dev.verity.job.Violations;
import dev.verity.members.Member;
import dev.verity.members.MemberDirectory;
import dev.verity.notify.NotificationTopics;
import dev.verity.store.TeamStore;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The members of the private workforce's teams: requesters invite workers by e-mail (the directory mails them a
 * temporary password and the portal link), list them, disable and enable them, and remove them from a team. Invited
 * workers join the workforce's {@value TeamService#WORKERS_GROUP} group and the team's own group, and their address
 * is subscribed to the team's notification topic. Only teams made of a Cognito group have members here; an OIDC
 * team's members are whoever the identity provider puts in its groups.
 */
public final class MemberService {

    /** Addresses one invitation may carry (the Ground Truth console's batch). */
    public static final int MAX_INVITATIONS = 50;
    /** Loose on purpose: the directory checks addresses itself; this keeps out what cannot be one. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,253}\\.[^@\\s.]{1,63}");

    private final TeamService teams;
    private final TeamStore store;
    private final MemberDirectory directory;
    private final NotificationTopics topics;

    public MemberService(TeamService teams, TeamStore store, MemberDirectory directory, NotificationTopics topics) {
        this.teams = teams;
        this.store = store;
        this.directory = directory;
        this.topics = topics;
    }

    /** One invited address: the member, and whether this call created them (and so had them mailed). */
    public record Invitation(Member member, boolean invited) {}

    /**
     * Invites the addresses into the team. An address already in the workforce gets no second mail but joins the
     * team; inviting a member again changes nothing.
     *
     * @throws InvalidRequestException for no address, more than {@value #MAX_INVITATIONS}, one that is not an e-mail
     *     address, or a team whose members come from an identity provider
     */
    public List<Invitation> invite(String teamName, List<String> emails, String accountId) {
        Violations violations = new Violations();
        if (emails.isEmpty() || emails.size() > MAX_INVITATIONS) {
            violations.add("Emails", "must list 1-" + MAX_INVITATIONS + " addresses, got " + emails.size());
        }
        for (String email : emails) {
            if (!EMAIL.matcher(email).matches()) {
                violations.add("Emails", "\"" + email + "\" is not an e-mail address");
            }
        }
        violations.throwIfAny();
        Workteam team = teams.withTopic(teamName, accountId);
        String group = group(team);
        List<Invitation> invitations = new ArrayList<>();
        for (String email : new LinkedHashSet<>(emails)) {
            Optional<Member> created = directory.create(email);
            directory.addToGroup(email, TeamService.WORKERS_GROUP);
            directory.addToGroup(email, group);
            if (team.notificationTopicArn() != null) {
                topics.subscribe(team.notificationTopicArn(), email);
            }
            Member member = created.or(() -> directory.find(email)).orElseThrow();
            invitations.add(new Invitation(member, created.isPresent()));
        }
        return invitations;
    }

    /** The team's members, in the directory's order. */
    public List<Member> members(String teamName, String accountId) {
        return directory.membersOf(group(teams.describe(teamName, accountId)));
    }

    /**
     * Disables or enables a member of the team. A disabled worker's tokens are refused from their next call on, and
     * they cannot sign in; this holds in every team, as the account is the workforce's.
     */
    public Member setEnabled(String teamName, String email, boolean enabled, String accountId) {
        Member member = member(teamName, email, accountId);
        directory.setEnabled(email, enabled);
        store.setDisabled(member.sub(), !enabled);
        return new Member(member.email(), member.sub(), enabled, member.status(), member.created());
    }

    /** Removes a member from the team (and from its notices); their account stays in the workforce. */
    public void remove(String teamName, String email, String accountId) {
        Workteam team = teams.describe(teamName, accountId);
        member(teamName, email, accountId);
        directory.removeFromGroup(email, group(team));
        if (team.notificationTopicArn() != null) {
            topics.unsubscribe(team.notificationTopicArn(), email);
        }
    }

    /** Whether a requester disabled the worker whose tokens carry this subject. */
    public boolean isDisabled(String workerSub) {
        return store.isDisabled(workerSub);
    }

    private Member member(String teamName, String email, String accountId) {
        return members(teamName, accountId).stream()
                .filter(m -> m.email().equals(email))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("work team '" + teamName + "' has no member " + email));
    }

    /** The Cognito group a team's invitations go to: its first Cognito member definition's. */
    private static String group(Workteam team) {
        return team.memberDefinitions().stream()
                .filter(MemberDefinition.Cognito.class::isInstance)
                .map(d -> ((MemberDefinition.Cognito) d).userGroup())
                .findFirst()
                .orElseThrow(() -> new InvalidRequestException(List.of(new Violation(
                        "WorkteamName",
                        "work team '" + team.name() + "' takes its members from your identity provider's groups "
                                + team.memberDefinitions().stream()
                                        .flatMap(d -> d.groups().stream())
                                        .toList()
                                + ": add workers to those groups there"))));
    }
}
