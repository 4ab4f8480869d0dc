package dev.verity.infra;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The workforce's own OpenID Connect identity provider (or a vendor's), federated into the user pool: CDK context
 * {@code -c oidcIssuer=https://idp.example.com -c oidcClientId=verity -c oidcClientSecretName=verity/oidc-client-secret}
 * (all three or none), optionally {@code -c oidcName=Workforce} (the button on the hosted sign-in page),
 * {@code -c oidcScopes="openid email profile"} and {@code -c oidcGroupsClaim=sagemaker-groups}.
 *
 * @param issuer           the provider's issuer URL; Cognito discovers its endpoints from
 *                         {@code <issuer>/.well-known/openid-configuration}
 * @param clientId         the client id Verity's user pool has at the provider
 * @param clientSecretName the name (or ARN) of the Secrets Manager secret whose string is that client's secret; the
 *                         template holds a dynamic reference to it, resolved by CloudFormation at deploy time
 * @param name             the provider's name in the user pool: the sign-in button's label, the prefix of its users'
 *                         user names and of the group Cognito puts them all in ({@code <user pool id>_<name>})
 * @param scopes           the scopes Cognito asks the provider for; {@code openid} among them
 * @param groupsClaim      the provider's claim holding the worker's groups, mapped into {@code custom:groups}:
 *                         Ground Truth's {@code sagemaker:groups} by default, or {@code sagemaker-groups} (Cognito
 *                         maps one provider claim into one user pool attribute, so it takes one of the two)
 */
public record OidcProvider(
        String issuer, String clientId, String clientSecretName, String name, List<String> scopes, String groupsClaim) {

    public static final String CONTEXT_ISSUER = "oidcIssuer";
    public static final String CONTEXT_CLIENT_ID = "oidcClientId";
    public static final String CONTEXT_CLIENT_SECRET_NAME = "oidcClientSecretName";
    public static final String CONTEXT_NAME = "oidcName";
    public static final String CONTEXT_SCOPES = "oidcScopes";
    public static final String CONTEXT_GROUPS_CLAIM = "oidcGroupsClaim";

    public static final String DEFAULT_NAME = "Workforce";
    public static final List<String> DEFAULT_SCOPES = List.of("openid", "email", "profile");
    /** Ground Truth's OIDC group claim; {@code sagemaker-groups} is its other spelling. */
    public static final String DEFAULT_GROUPS_CLAIM = "sagemaker:groups";

    /** The custom user pool attribute the groups claim is mapped into ({@code custom:groups} in tokens). */
    public static final String GROUPS_ATTRIBUTE = "groups";
    /** Cognito's largest custom string attribute: ten groups of 63 characters, as JSON, fit with room to spare. */
    public static final int GROUPS_ATTRIBUTE_MAX_LENGTH = 2048;

    private static final List<String> REQUIRED = List.of(CONTEXT_ISSUER, CONTEXT_CLIENT_ID, CONTEXT_CLIENT_SECRET_NAME);
    private static final List<String> OPTIONAL = List.of(CONTEXT_NAME, CONTEXT_SCOPES, CONTEXT_GROUPS_CLAIM);
    /** Cognito's provider names: 3 to 32 characters, no white space; no underscore (it separates the name in user names). */
    private static final Pattern NAME = Pattern.compile("[^_\\p{Z}\\s]{3,32}");

    public OidcProvider {
        issuer = required(CONTEXT_ISSUER, issuer);
        clientId = required(CONTEXT_CLIENT_ID, clientId);
        clientSecretName = required(CONTEXT_CLIENT_SECRET_NAME, clientSecretName);
        name = blankToNull(name) == null ? DEFAULT_NAME : name.strip();
        scopes = scopes == null || scopes.isEmpty() ? DEFAULT_SCOPES : List.copyOf(scopes);
        groupsClaim = blankToNull(groupsClaim) == null ? DEFAULT_GROUPS_CLAIM : groupsClaim.strip();

        URI uri;
        try {
            uri = new URI(issuer);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(CONTEXT_ISSUER + " is not a URL: " + issuer, e);
        }
        if (!"https".equals(uri.getScheme())
                || uri.getHost() == null
                || uri.getQuery() != null
                || uri.getFragment() != null) {
            throw new IllegalArgumentException(CONTEXT_ISSUER
                    + " must be the provider's https issuer URL (its 'iss', without query or fragment): " + issuer);
        }
        if (!NAME.matcher(name).matches() || name.equalsIgnoreCase("COGNITO")) {
            throw new IllegalArgumentException(CONTEXT_NAME
                    + " must be 3 to 32 characters without spaces or underscores, and not COGNITO: " + name);
        }
        for (String value : List.of(clientId, clientSecretName, groupsClaim)) {
            if (value.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("OIDC context values may not contain white space: '" + value + "'");
            }
        }
        if (!scopes.contains("openid")) {
            throw new IllegalArgumentException(CONTEXT_SCOPES + " must include openid (Cognito signs users in with"
                    + " OpenID Connect): " + String.join(" ", scopes));
        }
    }

    /** The provider the app's context describes, if any; a clear error for half a description. */
    public static Optional<OidcProvider> fromContext(Function<String, Object> context) {
        List<String> given = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String key : REQUIRED) {
            (blankToNull(string(context.apply(key))) == null ? missing : given).add(key);
        }
        List<String> optional = OPTIONAL.stream()
                .filter(key -> blankToNull(string(context.apply(key))) != null)
                .toList();
        if (given.isEmpty()) {
            if (!optional.isEmpty()) {
                throw new IllegalArgumentException(String.join(", ", optional) + " configure an OIDC identity"
                        + " provider, but none is set up: give -c "
                        + String.join(
                                " -c ", REQUIRED.stream().map(k -> k + "=...").toList()));
            }
            return Optional.empty();
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("An OIDC identity provider needs all of " + String.join(", ", REQUIRED)
                    + "; missing: " + String.join(", ", missing) + " (given: " + String.join(", ", given) + ")");
        }
        String scopes = blankToNull(string(context.apply(CONTEXT_SCOPES)));
        return Optional.of(new OidcProvider(
                string(context.apply(CONTEXT_ISSUER)),
                string(context.apply(CONTEXT_CLIENT_ID)),
                string(context.apply(CONTEXT_CLIENT_SECRET_NAME)),
                string(context.apply(CONTEXT_NAME)),
                scopes == null
                        ? null
                        : Arrays.stream(scopes.split("[,\\s]+"))
                                .filter(s -> !s.isEmpty())
                                .distinct()
                                .toList(),
                string(context.apply(CONTEXT_GROUPS_CLAIM))));
    }

    private static String required(String key, String value) {
        if (blankToNull(value) == null) {
            throw new IllegalArgumentException("An OIDC identity provider needs " + key);
        }
        return value.strip();
    }

    private static String string(Object value) {
        return value == null ? null : value.toString();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
