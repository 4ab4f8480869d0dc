package dev.verity.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.verity.json.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The caller's groups, read from the JWT claims as API Gateway's JWT authorizer passes them on: every claim a string,
 * an array claim as {@code [a b]}, a string claim as it is (which may itself be a JSON array, {@code ["a","b"]}).
 *
 * <p>Two sets, for two decisions:
 *
 * <ul>
 *   <li>{@link #pool}: the user pool's own groups ({@value #COGNITO_GROUPS}). Only a pool administrator puts a user
 *       in one, so these alone decide who is a requester.
 *   <li>{@link #of}: the worker's groups, which decide the work teams a worker belongs to: the pool's groups plus
 *       the groups the workforce's own OIDC identity provider asserts. Ground Truth's OIDC convention is a
 *       {@code sagemaker:groups} or {@code sagemaker-groups} claim (a string or a list of up to ten groups); the
 *       user pool maps it into the {@value #MAPPED_GROUPS} attribute of federated users, and a token may also
 *       carry it directly. A team's {@code OidcMemberDefinition.Groups} are matched against these.
 * </ul>
 *
 * <p>Group names are kept exactly as sent (case-sensitive, as Cognito's are); only surrounding white space and empty
 * entries are dropped. Outside a JSON array, commas and white space separate groups.
 */
public final class Groups {

    /** The group whose members may use the requester routes (create and stop jobs, browse results, upload data). */
    public static final String REQUESTERS = "requesters";

    /** The user pool's groups: set by the pool's administrators only. */
    public static final String COGNITO_GROUPS = "cognito:groups";

    /**
     * The user pool attribute the identity provider's group claim is mapped into (the infra's OIDC provider
     * attribute mapping); the client reads it, so it is in the ID token of a federated user.
     */
    public static final String MAPPED_GROUPS = "custom:groups";

    /** Ground Truth's OIDC group claims, honoured when a token carries them itself. */
    public static final List<String> SAGEMAKER_GROUPS = List.of("sagemaker:groups", "sagemaker-groups");

    /** The claim Cognito puts in the tokens of users who signed in through an external identity provider. */
    static final String IDENTITIES = "identities";

    private static final ObjectReader JSON = Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Groups() {}

    /** The worker's groups: the pool's and the identity provider's, for work-team membership. */
    public static Set<String> of(Map<String, String> claims) {
        Set<String> groups = new LinkedHashSet<>(pool(claims));
        groups.addAll(fromIdentityProvider(claims));
        return Collections.unmodifiableSet(groups);
    }

    /** The user pool's groups ({@value #COGNITO_GROUPS}) only: what decides who is a requester. */
    public static Set<String> pool(Map<String, String> claims) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(parse(claims.get(COGNITO_GROUPS))));
    }

    /**
     * The groups the identity provider asserts: {@code sagemaker:groups} and {@code sagemaker-groups} as the token
     * carries them, and {@value #MAPPED_GROUPS} when the user signed in through the provider ({@link #federated}).
     *
     * <p>The mapped attribute counts for federated users only: Cognito requires the app client to have write access
     * to every attribute a provider maps, so a user of the pool's own (password) sign-in could set
     * {@value #MAPPED_GROUPS} on themselves with UpdateUserAttributes and their own access token. A federated user
     * cannot (Cognito rewrites the mapped attributes at each provider sign-in, and the hosted sign-in grants no
     * {@code aws.cognito.signin.user.admin} scope), and neither of the two marks of a federated user can be set by
     * the user.
     */
    public static Set<String> fromIdentityProvider(Map<String, String> claims) {
        Set<String> groups = new LinkedHashSet<>();
        for (String claim : SAGEMAKER_GROUPS) {
            groups.addAll(parse(claims.get(claim)));
        }
        if (federated(claims)) {
            groups.addAll(parse(claims.get(MAPPED_GROUPS)));
        }
        return Collections.unmodifiableSet(groups);
    }

    /**
     * Whether the token is a federated user's: it carries Cognito's {@value #IDENTITIES} claim (a non-mutable
     * attribute), or the user is in the group {@code <user pool id>_<provider name>} Cognito puts every user created
     * by an identity provider in (the pool id is the last segment of the {@code iss} claim; only administrators and
     * Cognito add users to groups).
     */
    static boolean federated(Map<String, String> claims) {
        String identities = claims.get(IDENTITIES);
        if (identities != null && !parse(identities).isEmpty()) {
            return true;
        }
        String issuer = claims.get("iss");
        if (issuer == null || !issuer.startsWith("https://cognito-idp.")) {
            return false;
        }
        String poolId = issuer.substring(issuer.lastIndexOf('/') + 1);
        return !poolId.isEmpty() && pool(claims).stream().anyMatch(g -> g.startsWith(poolId + "_"));
    }

    /**
     * The groups in one claim value, in every shape it arrives in: a JSON array ({@code ["a","b"]}), API Gateway's
     * rendering of an array claim ({@code [a b]}), a bracketed comma list ({@code [a, b]}, how Cognito is reported
     * to store a multi-valued provider attribute in a string attribute), a JSON string, a comma- or space-separated
     * list, or one group. Null, blank and empty entries give nothing; anything else is a group, as written.
     */
    public static List<String> parse(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        String text = value.strip();
        if (text.startsWith("[") || text.startsWith("\"")) {
            Optional<List<String>> json = json(text);
            if (json.isPresent()) {
                return json.get();
            }
        }
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        return Arrays.stream(text.split("[,\\s]+"))
                .filter(g -> !g.isEmpty())
                .distinct()
                .toList();
    }

    private static Optional<List<String>> json(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return Optional.empty(); // not JSON: API Gateway's [a b], or a list that only starts with a quote
        }
        if (node == null || !(node.isArray() || node.isTextual())) {
            return Optional.empty();
        }
        if (node.isTextual()) {
            return Optional.of(parse(node.asText())); // a JSON string: whatever shape its text is in
        }
        List<String> groups = new ArrayList<>();
        flatten(node, groups);
        return Optional.of(groups.stream().distinct().toList());
    }

    private static void flatten(JsonNode array, List<String> groups) {
        for (JsonNode element : array) {
            if (element.isArray()) {
                flatten(element, groups);
            } else if (!element.isNull()) {
                String group = (element.isValueNode() ? element.asText() : element.toString()).strip();
                if (!group.isEmpty()) {
                    groups.add(group);
                }
            }
        }
    }
}
