package dev.verity.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.cognito.AccountRecovery;
import software.amazon.awscdk.services.cognito.AuthFlow;
import software.amazon.awscdk.services.cognito.AutoVerifiedAttrs;
import software.amazon.awscdk.services.cognito.CfnUserPoolGroup;
import software.amazon.awscdk.services.cognito.Mfa;
import software.amazon.awscdk.services.cognito.MfaSecondFactor;
import software.amazon.awscdk.services.cognito.PasswordPolicy;
import software.amazon.awscdk.services.cognito.SignInAliases;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolClientOptions;
import software.constructs.Construct;

import java.util.List;

/**
 * The private workforce and the requesters: a Cognito user pool (administrators create users; no self sign-up),
 * a public client for the web UI and the CLI, and the groups the handlers read from the {@code cognito:groups} claim.
 */
public class Identity extends Construct {

    public static final String REQUESTERS = "requesters";
    public static final String WORKERS = "workers";

    private final UserPool userPool;
    private final UserPoolClient client;

    public Identity(Construct scope, String id, VerityConfig config) {
        super(scope, id);
        userPool = UserPool.Builder.create(this, "UserPool")
                .userPoolName(config.physicalName("verity-users"))
                .selfSignUpEnabled(false)
                .signInAliases(SignInAliases.builder().email(true).username(false).build())
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
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        NagSuppressions.addResourceSuppressions(userPool, List.of(
                NagPackSuppression.builder()
                        .id("AwsSolutions-COG2")
                        .reason("MFA is optional (TOTP): workers include temporary and vendor annotators who are "
                                + "onboarded by an administrator with a temporary password; a deployment that needs "
                                + "mandatory MFA can raise it without code changes.")
                        .build(),
                NagPackSuppression.builder()
                        .id("AwsSolutions-COG3")
                        .reason("Threat protection (advanced security) needs the Cognito Plus feature plan, billed per "
                                + "monthly active user; the pool uses a 12-character complex password policy, no "
                                + "self sign-up and optional TOTP instead.")
                        .build()));

        client = userPool.addClient("WebClient", UserPoolClientOptions.builder()
                .userPoolClientName(config.physicalName("verity-web"))
                .generateSecret(false)
                .authFlows(AuthFlow.builder().userSrp(true).userPassword(true).build())
                .disableOAuth(true)
                .preventUserExistenceErrors(true)
                .accessTokenValidity(Duration.hours(1))
                .idTokenValidity(Duration.hours(1))
                .refreshTokenValidity(Duration.days(30))
                .build());

        for (String group : List.of(REQUESTERS, WORKERS)) {
            CfnUserPoolGroup.Builder.create(this, Names.pascal(group) + "Group")
                    .userPoolId(userPool.getUserPoolId())
                    .groupName(group)
                    .description(group.equals(REQUESTERS)
                            ? "Create, watch and stop labeling jobs"
                            : "Private workforce: take and answer labeling tasks")
                    .build();
        }
    }

    public UserPool userPool() {
        return userPool;
    }

    public UserPoolClient client() {
        return client;
    }
}
