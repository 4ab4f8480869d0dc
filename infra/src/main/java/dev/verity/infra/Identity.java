package dev.verity.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.SecretValue;
import software.amazon.awscdk.services.cognito.AccountRecovery;
import software.amazon.awscdk.services.cognito.AttributeMapping;
import software.amazon.awscdk.services.cognito.AuthFlow;
import software.amazon.awscdk.services.cognito.AutoVerifiedAttrs;
import software.amazon.awscdk.services.cognito.CfnUserPoolGroup;
import software.amazon.awscdk.services.cognito.ClientAttributes;
import software.amazon.awscdk.services.cognito.CognitoDomainOptions;
import software.amazon.awscdk.services.cognito.ICustomAttribute;
import software.amazon.awscdk.services.cognito.Mfa;
import software.amazon.awscdk.services.cognito.MfaSecondFactor;
import software.amazon.awscdk.services.cognito.OAuthFlows;
import software.amazon.awscdk.services.cognito.OAuthScope;
import software.amazon.awscdk.services.cognito.OAuthSettings;
import software.amazon.awscdk.services.cognito.OidcAttributeRequestMethod;
import software.amazon.awscdk.services.cognito.PasswordPolicy;
import software.amazon.awscdk.services.cognito.ProviderAttribute;
import software.amazon.awscdk.services.cognito.SignInAliases;
import software.amazon.awscdk.services.cognito.StandardAttributesMask;
import software.amazon.awscdk.services.cognito.StringAttribute;
import software.amazon.awscdk.services.cognito.UserInvitationConfig;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolClientIdentityProvider;
import software.amazon.awscdk.services.cognito.UserPoolClientOptions;
import software.amazon.awscdk.services.cognito.UserPoolDomain;
import software.amazon.awscdk.services.cognito.UserPoolDomainOptions;
import software.amazon.awscdk.services.cognito.UserPoolIdentityProviderOidc;
import software.constructs.Construct;

/**
 * The private workforce and the requesters: a Cognito user pool (administrators create users; no self sign-up),
 * a public client for the web UI and the CLI, the hosted sign-in domain the web UI sends users to (authorization code
 * flow with PKCE), and the groups the handlers read from the {@code cognito:groups} claim.
 *
 * <p>With an {@link OidcProvider} configured, the workforce's own identity provider (or a vendor's) is federated in:
 * it is listed on the hosted sign-in page beside the pool's own sign-in, its group claim (Ground Truth's
 * {@code sagemaker:groups}) is mapped into the custom attribute {@code custom:groups} and its {@code email} into
 * {@code email}, and the web client reads {@code custom:groups}, so it is in the ID token the API's authorizer passes
 * on, where a team's {@code OidcMemberDefinition} groups are matched against it.
 */
public class Identity extends Construct {

    public static final String REQUESTERS = "requesters";
    public static final String WORKERS = "workers";

    private final UserPool userPool;
    private final UserPoolClient client;
    private final UserPoolDomain domain;
    private final UserPoolIdentityProviderOidc oidcProvider;

    /** @param webUrl the web UI's base URL ({@code https://<distribution domain>}, no trailing slash) */
    public Identity(Construct scope, String id, VerityConfig config, String webUrl) {
        super(scope, id);
        OidcProvider oidc = config.oidc();
        UserPool.Builder pool = UserPool.Builder.create(this, "UserPool");
        if (oidc != null) {
            // Declared only when a provider maps into it: Cognito cannot remove a custom attribute from a pool.
            pool.customAttributes(Map.<String, ICustomAttribute>of(
                    OidcProvider.GROUPS_ATTRIBUTE,
                    StringAttribute.Builder.create()
                            .maxLen(OidcProvider.GROUPS_ATTRIBUTE_MAX_LENGTH)
                            .mutable(true) // rewritten at every sign-in through the provider
                            .build()));
        }
        userPool = pool.userPoolName(config.physicalName("verity-users"))
                .selfSignUpEnabled(false)
                .signInAliases(
                        SignInAliases.builder().email(true).username(false).build())
                .autoVerify(AutoVerifiedAttrs.builder().email(true).build())
                .passwordPolicy(PasswordPolicy.builder()
                        .minLength(12)
                        .requireLowercase(true)
                        .requireUppercase(true)
                        .requireDigits(true)
                        .requireSymbols(true)
                        .tempPasswordValidity(Duration.days(3))
                        .build())
                .mfa(Mfa.OPTIONAL)
                .mfaSecondFactor(MfaSecondFactor.builder().otp(true).sms(false).build())
                .accountRecovery(AccountRecovery.EMAIL_ONLY)
                // Cognito mails invited workers this; {username} and {####} are its placeholders.
                .userInvitation(UserInvitationConfig.builder()
                        .emailSubject("You are invited to label data with Verity")
                        .emailBody("You have been invited to a Verity work team.<br>"
                                + "Sign in to the worker portal at " + webUrl + "/#/work with the user name {username} "
                                + "and the temporary password {####}; you will choose your own password then.")
                        .build())
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        NagSuppressions.addResourceSuppressions(
                userPool,
                List.of(
                        NagPackSuppression.builder()
                                .id("AwsSolutions-COG2")
                                .reason(
                                        "MFA is optional (TOTP): workers include temporary and vendor annotators who are "
                                                + "onboarded by an administrator with a temporary password; a deployment that needs "
                                                + "mandatory MFA can raise it without code changes.")
                                .build(),
                        NagPackSuppression.builder()
                                .id("AwsSolutions-COG3")
                                .reason(
                                        "Threat protection (advanced security) needs the Cognito Plus feature plan, billed per "
                                                + "monthly active user; the pool uses a 12-character complex password policy, no "
                                                + "self sign-up and optional TOTP instead.")
                                .build()));

        oidcProvider = oidc == null ? null : oidcProvider(oidc);
        List<UserPoolClientIdentityProvider> providers = new ArrayList<>();
        providers.add(UserPoolClientIdentityProvider.COGNITO);
        UserPoolClientOptions.Builder clientOptions = UserPoolClientOptions.builder();
        if (oidcProvider != null) {
            // The provider's name is its Ref: CloudFormation creates the provider before the client that lists it
            // (an explicit DependsOn beside it would be redundant, cfn-lint W3005).
            providers.add(UserPoolClientIdentityProvider.custom(oidcProvider.getProviderName()));
            // Cognito writes the mapped attributes at each federated sign-in through this client, so it needs write
            // access to them, and the client must read custom:groups for it to be in the ID token. Beside that, the
            // same access as without the lists (Cognito's defaults: read all standard attributes and the two
            // verified flags, write the standard attributes).
            clientOptions
                    .readAttributes(new ClientAttributes()
                            .withStandardAttributes(standardAttributes(true))
                            .withCustomAttributes(OidcProvider.GROUPS_ATTRIBUTE))
                    .writeAttributes(new ClientAttributes()
                            .withStandardAttributes(standardAttributes(false))
                            .withCustomAttributes(OidcProvider.GROUPS_ATTRIBUTE));
        }
        client = userPool.addClient(
                "WebClient",
                clientOptions
                        .userPoolClientName(config.physicalName("verity-web"))
                        .generateSecret(false)
                        // SRP and password auth for the CLI; the web UI uses the hosted UI's code flow (PKCE, no
                        // secret).
                        .authFlows(AuthFlow.builder()
                                .userSrp(true)
                                .userPassword(true)
                                .build())
                        .oAuth(OAuthSettings.builder()
                                .flows(OAuthFlows.builder()
                                        .authorizationCodeGrant(true)
                                        .build())
                                .scopes(List.of(OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE))
                                // The UI's redirect_uri is origin + path: "/" normally, "/index.html" if opened by
                                // name.
                                .callbackUrls(List.of(webUrl + "/", webUrl + "/index.html"))
                                .logoutUrls(List.of(webUrl + "/"))
                                .build())
                        .supportedIdentityProviders(providers)
                        .preventUserExistenceErrors(true)
                        .accessTokenValidity(Duration.hours(1))
                        .idTokenValidity(Duration.hours(1))
                        .refreshTokenValidity(Duration.days(30))
                        .build());

        domain = userPool.addDomain(
                "Domain",
                UserPoolDomainOptions.builder()
                        .cognitoDomain(CognitoDomainOptions.builder()
                                .domainPrefix(domainPrefix(config))
                                .build())
                        .build());

        for (String group : List.of(REQUESTERS, WORKERS)) {
            CfnUserPoolGroup.Builder.create(this, Names.pascal(group) + "Group")
                    .userPoolId(userPool.getUserPoolId())
                    .groupName(group)
                    .description(
                            group.equals(REQUESTERS)
                                    ? "Create, watch and stop labeling jobs"
                                    : "Private workforce: take and answer labeling tasks")
                    .build();
        }
    }

    /**
     * The provider federated into the pool: endpoints discovered from the issuer, the client secret read from Secrets
     * Manager by CloudFormation at deploy time (the template holds only a dynamic reference), attributes requested
     * from the UserInfo endpoint with GET, the groups claim mapped into {@code custom:groups} and {@code email} into
     * {@code email} (unverified, as Cognito leaves mapped addresses).
     */
    private UserPoolIdentityProviderOidc oidcProvider(OidcProvider oidc) {
        return UserPoolIdentityProviderOidc.Builder.create(this, "OidcProvider")
                .userPool(userPool)
                .name(oidc.name())
                .issuerUrl(oidc.issuer())
                .clientId(oidc.clientId())
                // A token standing for {{resolve:secretsmanager:<name>:SecretString:::}}, not the secret itself.
                .clientSecret(
                        SecretValue.secretsManager(oidc.clientSecretName()).unsafeUnwrap())
                .scopes(oidc.scopes())
                .attributeRequestMethod(OidcAttributeRequestMethod.GET)
                .attributeMapping(AttributeMapping.builder()
                        .email(ProviderAttribute.other("email"))
                        .custom(Map.of(
                                "custom:" + OidcProvider.GROUPS_ATTRIBUTE, ProviderAttribute.other(oidc.groupsClaim())))
                        .build())
                .build();
    }

    /**
     * Every standard attribute, and the two verified flags if {@code verifiedFlags} (Cognito's default access reads
     * them but does not write them).
     */
    private static StandardAttributesMask standardAttributes(boolean verifiedFlags) {
        return StandardAttributesMask.builder()
                .address(true)
                .birthdate(true)
                .email(true)
                .emailVerified(verifiedFlags)
                .familyName(true)
                .fullname(true)
                .gender(true)
                .givenName(true)
                .lastUpdateTime(true)
                .locale(true)
                .middleName(true)
                .nickname(true)
                .phoneNumber(true)
                .phoneNumberVerified(verifiedFlags)
                .preferredUsername(true)
                .profilePage(true)
                .profilePicture(true)
                .timezone(true)
                .website(true)
                .build();
    }

    /**
     * The hosted UI's domain prefix: {@code verity[-stage]-<account id>}, unique per region as Cognito requires
     * (prefixes are global) and known before synthesis, so the web UI's CSP can name it without referencing the
     * domain resource.
     */
    static String domainPrefix(VerityConfig config) {
        return config.physicalName("verity") + "-" + Aws.ACCOUNT_ID;
    }

    /** {@code https://<prefix>.auth.<region>.amazoncognito.com}, the hosted UI base URL the web UI signs in at. */
    static String hostedUiUrl(VerityConfig config) {
        return "https://" + domainPrefix(config) + ".auth." + Aws.REGION + ".amazoncognito.com";
    }

    public UserPool userPool() {
        return userPool;
    }

    public UserPoolClient client() {
        return client;
    }

    public UserPoolDomain domain() {
        return domain;
    }

    /** The federated OIDC provider, or null when none is configured. */
    public UserPoolIdentityProviderOidc oidcProvider() {
        return oidcProvider;
    }
}
