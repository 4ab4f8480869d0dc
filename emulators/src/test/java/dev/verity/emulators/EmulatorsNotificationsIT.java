package dev.verity.emulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.verity.emulators.cognito.InvitationTemplate;
import dev.verity.emulators.cognito.UserPoolConfig;
import dev.verity.emulators.mail.Mail;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DeliveryMediumType;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** {@link Emulators.Builder#notifications(boolean)}: the mail sink, SNS and Cognito wired to each other and to SQS. */
@ExtendWith(EmulatorsExtension.class)
class EmulatorsNotificationsIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void withoutNotificationsTheyAreNotRunningAndSaySo(Emulators shared) {
        assertThat(shared.hasNotifications()).isFalse();
        assertThat(shared.snsEndpoint()).isNull();
        assertThat(shared.endpointSettings()).doesNotContainKeys(Emulators.ENV_SNS, Emulators.ENV_COGNITO);
        assertThatThrownBy(shared::mail)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("notifications(true)")
                .hasMessageContaining(EmulatorsExtension.NOTIFICATIONS_PROPERTY);
    }

    @Test
    void notificationsAddSnsAndCognitoWhoseMailReachesTheSinkAndWhoseStateIsKept(@TempDir Path dir) {
        UserPoolConfig pool = UserPoolConfig.of("us-east-1_verity")
                .withInvitation(new InvitationTemplate("Welcome", "Sign in as {username} with {####}"));
        try (Emulators emulators = Emulators.builder()
                        .dataDirectory(dir)
                        .notifications(true)
                        .userPool(pool)
                        .start();
                SnsClient sns = SnsClient.builder()
                        .httpClient(UrlConnectionHttpClient.create())
                        .region(Region.of(emulators.region()))
                        .credentialsProvider(credentials(emulators))
                        .endpointOverride(emulators.snsEndpoint())
                        .build();
                CognitoIdentityProviderClient cognito = CognitoIdentityProviderClient.builder()
                        .httpClient(UrlConnectionHttpClient.create())
                        .region(Region.of(emulators.region()))
                        .credentialsProvider(credentials(emulators))
                        .endpointOverride(emulators.cognitoEndpoint())
                        .build();
                SqsClient sqs = TestClients.sqs(emulators)) {
            Map<String, String> settings = emulators.endpointSettings();
            assertThat(settings)
                    .containsEntry(
                            "AWS_ENDPOINT_URL_SNS", emulators.sns().endpoint().toString())
                    .containsEntry(
                            "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER",
                            emulators.cognito().endpoint().toString());
            assertThat(EmulatorsExtension.systemProperties(emulators))
                    .containsEntry("aws.endpointUrlSns", emulators.snsEndpoint().toString())
                    .containsEntry(
                            "aws.endpointUrlCognitoIdentityProvider",
                            emulators.cognitoEndpoint().toString());
            assertThat(emulators.mail().smtpPort()).isPositive();
            assertThat(emulators.cognito().userPoolId()).isEqualTo("us-east-1_verity");

            String topic = sns.createTopic(b -> b.name("team-workers")).topicArn();
            String queueUrl = sqs.createQueue(b -> b.queueName("team-events")).queueUrl();
            String queueArn = sqs.getQueueAttributes(
                            b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes()
                    .get(QueueAttributeName.QUEUE_ARN);
            sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(queueArn));
            sns.subscribe(b -> b.topicArn(topic).protocol("email").endpoint("ana@example.com"));
            sns.publish(b -> b.topicArn(topic).subject("New work").message("40 tasks"));

            Mail notification = await().atMost(WAIT)
                    .until(() -> emulators.mail().messagesTo("ana@example.com"), mails -> !mails.isEmpty())
                    .get(0);
            assertThat(notification.subject()).isEqualTo("New work");
            assertThat(await().atMost(WAIT)
                            .until(
                                    () -> sqs.receiveMessage(
                                                    b -> b.queueUrl(queueUrl).waitTimeSeconds(1))
                                            .messages(),
                                    messages -> !messages.isEmpty())
                            .get(0)
                            .body())
                    .contains("\"Message\":\"40 tasks\"");

            cognito.adminCreateUser(b -> b.userPoolId("us-east-1_verity")
                    .username("bo")
                    .userAttributes(AttributeType.builder()
                            .name("email")
                            .value("bo@example.com")
                            .build())
                    .desiredDeliveryMediums(DeliveryMediumType.EMAIL));
            List<Mail> invitations = emulators.mail().messagesTo("bo@example.com");
            assertThat(invitations).singleElement().satisfies(m -> {
                assertThat(m.subject()).isEqualTo("Welcome");
                assertThat(m.text()).startsWith("Sign in as bo with ");
            });
        }
        assertThat(dir.resolve("mail")).isDirectoryContaining(p -> p.toString().endsWith(".eml"));
        assertThat(dir.resolve("sns/state.json")).exists();
        assertThat(dir.resolve("cognito/us-east-1_verity.json")).exists();
        assertThat(Files.isDirectory(dir.resolve("sqs"))).isTrue();
    }

    private static StaticCredentialsProvider credentials(Emulators emulators) {
        return StaticCredentialsProvider.create(
                AwsBasicCredentials.create(emulators.accessKeyId(), emulators.secretAccessKey()));
    }
}
