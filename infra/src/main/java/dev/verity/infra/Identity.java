package dev.verity.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.cognito.AccountRecovery;
import software.amazon.awscdk.services.cognito.AuthFlow;
import software.amazon.awscdk.services.cognito.AutoVerifiedAttrs;
import software.amazon.awscdk.services.cognito.CfnUserPoolGroup;
import software.amazon.awscdk.services.cognito.CognitoDomainOptions;
import software.amazon.awscdk.services.cognito.Mfa;
import software.amazon.awscdk.services.cognito.MfaSecondFactor;
import software.amazon.awscdk.services.cognito.OAuthFlows;
import software.amazon.awscdk.services.cognito.OAuthScope;
import software.amazon.awscdk.services.cognito.OAuthSettings;
import software.amazon.awscdk.services.cognito.PasswordPolicy;
import software.amazon.awscdk.services.cognito.SignInAliases;
import software.amazon.awscdk.services.cognito.UserInvitationConfig;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolClientIdentityProvider;
import software.amazon.awscdk.services.cognito.UserPoolClientOptions;
import software.amazon.awscdk.services.cognito.UserPoolDomain;
import software.amazon.awscdk.services.cognito.UserPoolDomainOptions;
import software.constructs.Construct;

/**
 * The private workforce and the requesters: a Cognito user pool (administrators create users; no self sign-up),
 * a public client for the web UI and the CLI, the hosted sign-in domain the web UI sends users to (authorization code
 * flow with PKCE), and the groups the handlers read from the {@code cognito:groups} claim.
 */
public class Identity extends Construct {

    public static final String REQUESTERS = "requesters";
    public static final String WORKERS = "workers";

    private final UserPool userPool;
    private final UserPoolClient client;
    private final UserPoolDomain domain;

    /** @param webUrl the web UI's base URL ({@code https://<distribution domain>}, no trailing slash) */
    public Identity(Construct scope, String id, VerityConfig config, String webUrl) {
        super(scope, id);
        userPool = UserPool.Builder.create(this, "UserPool")
                .userPoolName(config.physicalName("verity-users"))
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

        client = userPool.addClient(
                "WebClient",
                UserPoolClientOptions.builder()
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
                        .supportedIdentityProviders(List.of(UserPoolClientIdentityProvider.COGNITO))
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
}
