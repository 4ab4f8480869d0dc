package dev.verity.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.workforce.MemberDefinition;
import dev.verity.workforce.WorkerGroups;
import dev.verity.workforce.Workteam;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Groups from every claim and in every shape API Gateway's JWT authorizer passes them on. */
class GroupsTest {

    private static final String POOL_ID = "eu-west-1_AbCdEf123";
    private static final String ISSUER = "https://cognito-idp.eu-west-1.amazonaws.com/" + POOL_ID;
    /** What API Gateway makes of the identities claim of a federated user's ID token (an array of objects). */
    private static final String IDENTITIES =
            "[map[dateCreated:1733500000000 issuer:<nil> primary:true providerName:Workforce providerType:OIDC"
                    + " userId:00u1abcd]]";

    // ---------------------------------------------------------------- shapes of one claim value

    @Test
    void apiGatewaysRenderingOfAnArrayClaim() {
        assertThat(Groups.parse("[requesters workers]")).containsExactly("requesters", "workers");
        assertThat(Groups.parse("[workers]")).containsExactly("workers");
    }

    @Test
    void aJsonArrayString() {
        assertThat(Groups.parse("[\"vendor-a\",\"Team B\",\"x,y\"]")).containsExactly("vendor-a", "Team B", "x,y");
        assertThat(Groups.parse(" [ \"a\" , \"b\" ] ")).containsExactly("a", "b");
    }

    @Test
    void aSingleString() {
        assertThat(Groups.parse("vendor-a")).containsExactly("vendor-a");
        assertThat(Groups.parse("\"vendor-a\"")).containsExactly("vendor-a"); // a JSON string
    }

    @Test
    void commaAndSpaceSeparatedLists() {
        assertThat(Groups.parse("a,b,c")).containsExactly("a", "b", "c");
        assertThat(Groups.parse("a, b ,c")).containsExactly("a", "b", "c");
        assertThat(Groups.parse("a b\tc")).containsExactly("a", "b", "c");
        assertThat(Groups.parse("[a, b]")).containsExactly("a", "b"); // the form Cognito gives multi-valued attributes
        assertThat(Groups.parse("[a,b]")).containsExactly("a", "b");
        assertThat(Groups.parse("\"a,b\"")).containsExactly("a", "b"); // a JSON string holding a list
    }

    @Test
    void namesAreKeptExactlyCaseAndPunctuationIncluded() {
        assertThat(Groups.parse("[Vendor-A vendor-a acme:labelers a.b@c/d]"))
                .containsExactly("Vendor-A", "vendor-a", "acme:labelers", "a.b@c/d");
        assertThat(Groups.parse("[\"Ünïcode-團隊\", \"[brackets]\", \"quo\\\"te\"]"))
                .containsExactly("Ünïcode-團隊", "[brackets]", "quo\"te");
        // not JSON and not a bracketed list: kept as it came, not dropped
        assertThat(Groups.parse("[unbalanced")).containsExactly("[unbalanced");
    }

    @Test
    void emptyEntriesAreIgnoredAndNothingElse() {
        assertThat(Groups.parse("[\"a\", \"\", \"  \", null, \"b\"]")).containsExactly("a", "b");
        assertThat(Groups.parse("a,,b, ,")).containsExactly("a", "b");
        assertThat(Groups.parse("[ a  b ]")).containsExactly("a", "b");
        assertThat(Groups.parse("[]")).isEmpty();
        assertThat(Groups.parse("[\"\"]")).isEmpty();
        assertThat(Groups.parse("\"\"")).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t", ","})
    void noValueIsNoGroup(String value) {
        assertThat(Groups.parse(value)).isEmpty();
    }

    @Test
    void nonStringJsonElementsAreGroupsByTheirText() {
        assertThat(Groups.parse("[1, true, [\"nested\"]]")).containsExactly("1", "true", "nested");
    }

    @Test
    void tenGroupsOfSixtyThreeCharactersAllCount() {
        List<String> groups = IntStream.range(0, 10)
                .mapToObj(i -> String.valueOf((char) ('a' + i)).repeat(63))
                .toList();
        String json = groups.stream().map(g -> "\"" + g + "\"").collect(Collectors.joining(",", "[", "]"));
        assertThat(Groups.parse(json)).containsExactlyElementsOf(groups);
        assertThat(Groups.parse("[" + String.join(" ", groups) + "]")).containsExactlyElementsOf(groups);
    }

    @Test
    void duplicatesCountOnce() {
        assertThat(Groups.parse("[a a b]")).containsExactly("a", "b");
        assertThat(Groups.parse("[\"a\",\"a\"]")).containsExactly("a");
    }

    // ---------------------------------------------------------------- which claims

    @Test
    void cognitoGroupsAloneAsBefore() {
        Map<String, String> claims = Map.of("sub", "s1", "cognito:groups", "[requesters workers]");
        assertThat(Groups.of(claims)).containsExactlyInAnyOrder("requesters", "workers");
        assertThat(Groups.pool(claims)).containsExactlyInAnyOrder("requesters", "workers");
        assertThat(Groups.of(Map.of("sub", "s1"))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "sagemaker:groups | [vendor-a vendor-b]",
                "sagemaker:groups | [\"vendor-a\",\"vendor-b\"]",
                "sagemaker:groups | vendor-a,vendor-b",
                "sagemaker-groups | [vendor-a vendor-b]",
                "sagemaker-groups | [\"vendor-a\", \"vendor-b\"]",
                "sagemaker-groups | vendor-a, vendor-b",
            })
    void groundTruthsGroupClaimsWhenTheTokenCarriesThem(String claim, String value) {
        Map<String, String> claims = Map.of("sub", "s1", claim, value);
        assertThat(Groups.of(claims)).containsExactlyInAnyOrder("vendor-a", "vendor-b");
        assertThat(Groups.pool(claims)).isEmpty();
    }

    @Test
    void aSingleGroundTruthGroupAsAPlainString() {
        assertThat(Groups.of(Map.of("sagemaker:groups", "vendor-a"))).containsExactly("vendor-a");
        assertThat(Groups.of(Map.of("sagemaker-groups", "vendor-a"))).containsExactly("vendor-a");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"[vendor-a vendor-b]", "[\"vendor-a\",\"vendor-b\"]", "[vendor-a, vendor-b]", "vendor-a,vendor-b"
            })
    void theMappedAttributeOfAFederatedUser(String value) {
        Map<String, String> claims = federated(Map.of("custom:groups", value));
        assertThat(Groups.of(claims)).contains("vendor-a", "vendor-b");
        assertThat(Groups.fromIdentityProvider(claims)).containsExactlyInAnyOrder("vendor-a", "vendor-b");
    }

    @Test
    void aFederatedUserIsKnownByTheIdentitiesClaimOrByCognitosProviderGroup() {
        Map<String, String> byIdentities = new HashMap<>(Map.of("custom:groups", "vendor-a", "identities", IDENTITIES));
        assertThat(Groups.of(byIdentities)).containsExactly("vendor-a");
        byIdentities.put("identities", "[{\"providerName\":\"Workforce\",\"providerType\":\"OIDC\"}]");
        assertThat(Groups.of(byIdentities)).containsExactly("vendor-a");

        Map<String, String> byGroup =
                Map.of("iss", ISSUER, "cognito:groups", "[" + POOL_ID + "_Workforce]", "custom:groups", "vendor-a");
        assertThat(Groups.of(byGroup)).containsExactlyInAnyOrder(POOL_ID + "_Workforce", "vendor-a");
    }

    @Test
    void theMappedAttributeOfAUserOfThePoolsOwnSignInIsNotTheirGroups() {
        // The client may write custom:groups (Cognito requires it of mapped attributes), so a password user could.
        Map<String, String> claims =
                Map.of("iss", ISSUER, "cognito:groups", "[workers]", "custom:groups", "[vendor-a requesters]");
        assertThat(Groups.of(claims)).containsExactly("workers");
        // a group named like another pool's provider group, an empty identities claim: still not federated
        assertThat(Groups.of(Map.of(
                        "iss", ISSUER, "cognito:groups", "[eu-west-1_Other_Workforce]", "custom:groups", "vendor-a")))
                .containsExactly("eu-west-1_Other_Workforce");
        assertThat(Groups.of(Map.of("identities", "[]", "custom:groups", "vendor-a")))
                .isEmpty();
        assertThat(Groups.of(Map.of("iss", "verity", "cognito:groups", "[verity_x]", "custom:groups", "vendor-a")))
                .containsExactly("verity_x");
    }

    @Test
    void everySourceTogether() {
        Map<String, String> claims = federated(Map.of(
                "custom:groups", "[\"vendor-a\"]",
                "sagemaker:groups", "team-b",
                "sagemaker-groups", "[team-c]"));
        assertThat(Groups.of(claims))
                .containsExactlyInAnyOrder(POOL_ID + "_Workforce", "workers", "vendor-a", "team-b", "team-c");
    }

    @Test
    void anIdentityProviderNeverMakesARequester() {
        Map<String, String> claims = federated(Map.of(
                "custom:groups", "[requesters]", "sagemaker:groups", "requesters", "sagemaker-groups", "requesters"));
        assertThat(Groups.of(claims)).contains(Groups.REQUESTERS); // as a worker group it is just a name
        assertThat(Groups.pool(claims)).doesNotContain(Groups.REQUESTERS);
    }

    // ---------------------------------------------------------------- work teams

    @Test
    void anOidcTeamAdmitsAWorkerWhoseMappedGroupsIntersectItsGroups() {
        Workteam vendor = team("acme-vendor", new MemberDefinition.Oidc(List.of("acme-labelers", "acme-qa")));
        assertThat(vendor.admits(workerGroups(federated(Map.of("custom:groups", "[\"acme-qa\",\"other\"]")))))
                .isTrue();
        assertThat(vendor.admits(workerGroups(Map.of("sagemaker:groups", "acme-labelers"))))
                .isTrue();
        assertThat(vendor.admits(workerGroups(federated(Map.of("custom:groups", "[other]")))))
                .isFalse();
        assertThat(vendor.admits(workerGroups(federated(Map.of("custom:groups", "[ACME-QA]")))))
                .as("group names are case-sensitive")
                .isFalse();
        // a pool user who wrote the attribute on themselves is not a vendor worker
        assertThat(vendor.admits(workerGroups(Map.of("iss", ISSUER, "custom:groups", "acme-qa"))))
                .isFalse();
    }

    @Test
    void anIdentityProvidersGroupNamedLikeAPoolGroupDoesNotAdmitToThatGroupsTeam() {
        Workteam workers = team("everyone", new MemberDefinition.Cognito(POOL_ID, "workers", "client"));
        Workteam vendor = team("acme-vendor", new MemberDefinition.Oidc(List.of("acme-labelers")));

        assertThat(workers.admits(workerGroups(Map.of(
                        "iss", ISSUER, "cognito:groups", "[" + POOL_ID + "_Workforce]", "custom:groups", "[workers]"))))
                .as("the provider's group 'workers' is not the pool's")
                .isFalse();
        assertThat(vendor.admits(workerGroups(Map.of("cognito:groups", "[acme-labelers]"))))
                .as("a pool group named like the vendor's is not the vendor's")
                .isFalse();
    }

    @Test
    void aCognitoTeamOfTheProvidersGroupAdmitsEveryoneWhoSignsInThroughIt() {
        Workteam everyone = team("everyone", new MemberDefinition.Cognito(POOL_ID, POOL_ID + "_Workforce", "client"));
        assertThat(everyone.admits(workerGroups(federated(Map.of())))).isTrue();
        assertThat(everyone.admits(workerGroups(Map.of("cognito:groups", "[workers]"))))
                .isFalse();
    }

    /** The groups the worker API reads from these claims: the pool's, and the identity provider's apart. */
    private static WorkerGroups workerGroups(Map<String, String> claims) {
        return new WorkerGroups(Groups.pool(claims), Groups.fromIdentityProvider(claims));
    }

    /** A federated user's claims: Cognito's provider group among the pool groups, and {@code extra}. */
    private static Map<String, String> federated(Map<String, String> extra) {
        Map<String, String> claims = new HashMap<>(extra);
        claims.put("sub", "3f1c-federated");
        claims.put("iss", ISSUER);
        claims.put("cognito:groups", "[" + POOL_ID + "_Workforce workers]");
        return claims;
    }

    private static Workteam team(String name, MemberDefinition definition) {
        Instant now = Instant.parse("2026-12-01T00:00:00Z");
        return new Workteam(
                name,
                "arn:aws:sagemaker:eu-west-1:123456789012:workteam/private-crowd/" + name,
                "arn:aws:sagemaker:eu-west-1:123456789012:workforce/default",
                List.of(definition),
                "a team",
                null,
                null,
                now,
                now);
    }
}
