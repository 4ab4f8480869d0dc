package dev.verity.workforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.job.InvalidRequestException;
import dev.verity.json.Json;
import org.junit.jupiter.api.Test;

/** CreateWorkteam and UpdateWorkteam requests read with Ground Truth's limits. */
class WorkteamRequestTest {

    static ObjectNode cognitoTeam(String name, int definitions) {
        ObjectNode body = Json.object().put("WorkteamName", name).put("Description", "a team");
        var members = body.putArray("MemberDefinitions");
        for (int i = 0; i < definitions; i++) {
            members.addObject()
                    .putObject("CognitoMemberDefinition")
                    .put("UserPool", "us-east-1_abc")
                    .put("UserGroup", "group-" + i)
                    .put("ClientId", "client");
        }
        return body;
    }

    @Test
    void aTeamOfCognitoGroupsIsRead() {
        WorkteamRequest request = WorkteamRequest.create(cognitoTeam("crew", 2));

        assertThat(request.name()).isEqualTo("crew");
        assertThat(request.memberDefinitions())
                .extracting(MemberDefinition::groups)
                .containsExactly(java.util.Set.of("group-0"), java.util.Set.of("group-1"));
    }

    @Test
    void aNameOfSixtyThreeCharactersIsTheLongestAllowed() {
        assertThat(WorkteamRequest.create(cognitoTeam("a".repeat(63), 1)).name())
                .hasSize(63);
        assertThatThrownBy(() -> WorkteamRequest.create(cognitoTeam("a".repeat(64), 1)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("WorkteamName: must be between 1 and 63 characters long, got 64");
    }

    @Test
    void anEmptyNameOrOneWithOtherCharactersIsRefused() {
        assertThatThrownBy(() -> WorkteamRequest.create(cognitoTeam("", 1))).hasMessageContaining("WorkteamName");
        assertThatThrownBy(() -> WorkteamRequest.create(cognitoTeam("my_team", 1)))
                .hasMessageContaining("WorkteamName");
    }

    @Test
    void aTeamNeedsOneToTenMemberDefinitions() {
        assertThat(WorkteamRequest.create(cognitoTeam("ten", 10)).memberDefinitions())
                .hasSize(10);
        assertThatThrownBy(() -> WorkteamRequest.create(cognitoTeam("none", 0)))
                .hasMessageContaining("MemberDefinitions: must hold between 1 and 10 member definitions, got 0");
        assertThatThrownBy(() -> WorkteamRequest.create(cognitoTeam("eleven", 11)))
                .hasMessageContaining("got 11");
    }

    @Test
    void cognitoAndOidcMemberDefinitionsAreNotMixed() {
        ObjectNode body = cognitoTeam("mixed", 1);
        body.withArray("MemberDefinitions")
                .addObject()
                .putObject("OidcMemberDefinition")
                .putArray("Groups")
                .add("vendors");

        assertThatThrownBy(() -> WorkteamRequest.create(body))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining(
                        "MemberDefinitions: mixes CognitoMemberDefinition (1) and OidcMemberDefinition (1)");
    }

    @Test
    void aMemberDefinitionHoldsExactlyOneKind() {
        ObjectNode body = cognitoTeam("both", 1);
        ((ObjectNode) body.withArray("MemberDefinitions").get(0))
                .putObject("OidcMemberDefinition")
                .putArray("Groups")
                .add("g");

        assertThatThrownBy(() -> WorkteamRequest.create(body))
                .hasMessageContaining("MemberDefinitions[0]: must hold exactly one of");
    }

    @Test
    void anOidcDefinitionHoldsOneToTenGroups() {
        ObjectNode body = Json.object().put("WorkteamName", "oidc").put("Description", "d");
        body.putArray("MemberDefinitions")
                .addObject()
                .putObject("OidcMemberDefinition")
                .putArray("Groups");

        assertThatThrownBy(() -> WorkteamRequest.create(body))
                .hasMessageContaining("MemberDefinitions[0].OidcMemberDefinition.Groups: must hold between 1 and 10");
    }

    @Test
    void aDescriptionIsRequiredAndAtMostTwoHundredCharacters() {
        ObjectNode missing = cognitoTeam("quiet", 1);
        missing.remove("Description");
        assertThatThrownBy(() -> WorkteamRequest.create(missing)).hasMessageContaining("Description: is required");
        ObjectNode long_ = cognitoTeam("chatty", 1).put("Description", "d".repeat(201));
        assertThatThrownBy(() -> WorkteamRequest.create(long_)).hasMessageContaining("Description");
    }

    @Test
    void anUnknownFieldIsRefusedByName() {
        assertThatThrownBy(() -> WorkteamRequest.create(cognitoTeam("odd", 1).put("Colour", "red")))
                .hasMessageContaining("Colour: unknown field");
    }

    @Test
    void anUpdateLeavesOutWhatItDoesNotChange() {
        WorkteamRequest update = WorkteamRequest.update("crew", Json.parse("{\"Description\": \"new\"}"));

        assertThat(update.memberDefinitions()).isNull();
        assertThat(update.description()).isEqualTo("new");
        assertThat(update.notificationTopicArn()).isNull();
    }

    @Test
    void anUpdateNamingAnotherTeamThanItsPathIsRefused() {
        assertThatThrownBy(() -> WorkteamRequest.update("crew", Json.parse("{\"WorkteamName\": \"other\"}")))
                .hasMessageContaining("WorkteamName: names team 'other' but the path names 'crew'");
    }
}
