package dev.verity.workforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.fakes.InMemoryJobStore;
import dev.verity.fakes.InMemoryMemberDirectory;
import dev.verity.fakes.InMemoryNotificationTopics;
import dev.verity.fakes.InMemoryTeamStore;
import dev.verity.fakes.MutableClock;
import dev.verity.job.InvalidRequestException;
import dev.verity.job.NotFoundException;
import dev.verity.json.Json;
import dev.verity.members.Member;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** MemberService over an in-memory directory, topics and team store. */
class MemberServiceTest {

    private static final String ACCOUNT = "111122223333";
    private static final String TOPIC = "arn:aws:sns:us-east-1:000000000000:verity-team-crew";

    private final MutableClock clock = new MutableClock();
    private final InMemoryTeamStore store = new InMemoryTeamStore();
    private final InMemoryNotificationTopics topics = new InMemoryNotificationTopics();
    private final InMemoryMemberDirectory directory = new InMemoryMemberDirectory();
    private final TeamService teams =
            new TeamService(store, new InMemoryJobStore(clock), clock, "us-east-1", topics, "verity-team-");
    private final MemberService members = new MemberService(teams, store, directory, topics);

    private void team(String name, String memberDefinitions) {
        teams.create(
                WorkteamRequest.create(Json.object()
                        .put("WorkteamName", name)
                        .put("Description", "a team")
                        .set("MemberDefinitions", Json.parse(memberDefinitions))),
                ACCOUNT);
    }

    private void crew() {
        team(
                "crew",
                "[{\"CognitoMemberDefinition\": {\"UserPool\": \"us-east-1_abc\", \"UserGroup\": \"crew-group\","
                        + " \"ClientId\": \"c\"}}]");
    }

    @Test
    void invitedAddressesAreMailedAndJoinTheWorkforceAndTheTeamsGroup() {
        crew();

        var invited = members.invite("crew", List.of("ann@example.com", "bob@example.com"), ACCOUNT);

        assertThat(invited).extracting(MemberService.Invitation::invited).containsExactly(true, true);
        assertThat(directory.invitations()).containsExactly("ann@example.com", "bob@example.com");
        assertThat(directory.membersOf("crew-group"))
                .extracting(Member::email)
                .containsExactly("ann@example.com", "bob@example.com");
        assertThat(directory.membersOf(TeamService.WORKERS_GROUP)).hasSize(2);
        assertThat(members.members("crew", ACCOUNT))
                .extracting(Member::email)
                .containsExactly("ann@example.com", "bob@example.com");
    }

    @Test
    void theFirstInvitationGivesTheTeamATopicThatItsMembersAreSubscribedTo() {
        crew();

        members.invite("crew", List.of("ann@example.com"), ACCOUNT);
        members.invite("crew", List.of("bob@example.com"), ACCOUNT);

        assertThat(teams.describe("crew", ACCOUNT).notificationTopicArn()).isEqualTo(TOPIC);
        assertThat(topics.subscribers(TOPIC)).containsExactly("ann@example.com", "bob@example.com");
    }

    @Test
    void aTeamsOwnTopicIsKeptAndNoneIsMade() {
        teams.create(
                WorkteamRequest.create(Json.object()
                        .put("WorkteamName", "crew")
                        .put("Description", "a team")
                        .<com.fasterxml.jackson.databind.node.ObjectNode>set(
                                "MemberDefinitions",
                                Json.parse(
                                        "[{\"CognitoMemberDefinition\": {\"UserPool\": \"us-east-1_abc\", \"UserGroup\": \"g\","
                                                + " \"ClientId\": \"c\"}}]"))
                        .set(
                                "NotificationConfiguration",
                                Json.object().put("NotificationTopicArn", topics.create("requesters-own")))),
                ACCOUNT);

        members.invite("crew", List.of("ann@example.com"), ACCOUNT);

        assertThat(topics.topics()).containsExactly("arn:aws:sns:us-east-1:000000000000:requesters-own");
        assertThat(topics.subscribers("arn:aws:sns:us-east-1:000000000000:requesters-own"))
                .containsExactly("ann@example.com");
    }

    @Test
    void aWorkerInvitedAgainGetsNoSecondMailButJoinsTheOtherTeam() {
        crew();
        team(
                "night",
                "[{\"CognitoMemberDefinition\": {\"UserPool\": \"us-east-1_abc\", \"UserGroup\": \"night-group\","
                        + " \"ClientId\": \"c\"}}]");
        members.invite("crew", List.of("ann@example.com"), ACCOUNT);

        var again = members.invite("night", List.of("ann@example.com", "ann@example.com"), ACCOUNT);

        assertThat(again).extracting(MemberService.Invitation::invited).containsExactly(false);
        assertThat(directory.invitations()).containsExactly("ann@example.com");
        assertThat(directory.membersOf("night-group")).extracting(Member::email).containsExactly("ann@example.com");
    }

    @Test
    void theDefaultTeamsInvitationsGoToTheWorkersGroup() {
        members.invite(TeamService.DEFAULT_TEAM, List.of("ann@example.com"), ACCOUNT);

        assertThat(members.members(TeamService.DEFAULT_TEAM, ACCOUNT))
                .extracting(Member::email)
                .containsExactly("ann@example.com");
    }

    @Test
    void anInvitationNamesEveryAddressThatIsNotOneAndInvitesNobody() {
        crew();

        assertThatThrownBy(() -> members.invite("crew", List.of("ann@example.com", "bob", "a b@c.d"), ACCOUNT))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("\"bob\" is not an e-mail address")
                .hasMessageContaining("\"a b@c.d\" is not an e-mail address");
        assertThat(directory.invitations()).isEmpty();
    }

    @Test
    void anInvitationHoldsOneToFiftyAddresses() {
        crew();
        List<String> many =
                IntStream.range(0, 51).mapToObj(i -> "w" + i + "@example.com").toList();

        assertThatThrownBy(() -> members.invite("crew", many, ACCOUNT)).hasMessageContaining("1-50 addresses, got 51");
        assertThatThrownBy(() -> members.invite("crew", Collections.emptyList(), ACCOUNT))
                .hasMessageContaining("got 0");
    }

    @Test
    void anOidcTeamsMembersCannotBeInvited() {
        team("vendor", "[{\"OidcMemberDefinition\": {\"Groups\": [\"vendor-annotators\"]}}]");

        assertThatThrownBy(() -> members.invite("vendor", List.of("ann@example.com"), ACCOUNT))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("identity provider's groups [vendor-annotators]");
    }

    @Test
    void invitingIntoATeamThatDoesNotExistIsNotFound() {
        assertThatThrownBy(() -> members.invite("ghost", List.of("ann@example.com"), ACCOUNT))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aDisabledMembersSubjectIsRefusedUntilTheyAreEnabledAgain() {
        crew();
        Member ann = members.invite("crew", List.of("ann@example.com"), ACCOUNT)
                .get(0)
                .member();

        Member disabled = members.setEnabled("crew", "ann@example.com", false, ACCOUNT);
        assertThat(disabled.enabled()).isFalse();
        assertThat(members.isDisabled(ann.sub())).isTrue();
        assertThat(directory.find("ann@example.com").orElseThrow().enabled()).isFalse();

        members.setEnabled("crew", "ann@example.com", true, ACCOUNT);
        assertThat(members.isDisabled(ann.sub())).isFalse();
    }

    @Test
    void onlyATeamsMembersCanBeDisabledThroughIt() {
        crew();

        assertThatThrownBy(() -> members.setEnabled("crew", "ann@example.com", false, ACCOUNT))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("work team 'crew' has no member ann@example.com");
    }

    @Test
    void aRemovedMemberLeavesTheTeamAndItsNoticesButNotTheWorkforce() {
        crew();
        members.invite("crew", List.of("ann@example.com", "bob@example.com"), ACCOUNT);

        members.remove("crew", "ann@example.com", ACCOUNT);

        assertThat(members.members("crew", ACCOUNT)).extracting(Member::email).containsExactly("bob@example.com");
        assertThat(topics.subscribers(TOPIC)).containsExactly("bob@example.com");
        assertThat(directory.membersOf(TeamService.WORKERS_GROUP))
                .extracting(Member::email)
                .contains("ann@example.com");
    }

    @Test
    void deletingATeamDeletesTheTopicVerityMadeForIt() {
        crew();
        members.invite("crew", List.of("ann@example.com"), ACCOUNT);

        teams.delete("crew");

        assertThat(topics.topics()).doesNotContain(TOPIC);
    }
}
