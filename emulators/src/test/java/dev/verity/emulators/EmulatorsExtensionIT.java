package dev.verity.emulators;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmulatorsExtension.class)
class EmulatorsExtensionIT {
    private final Emulators injected;

    EmulatorsExtensionIT(Emulators injected) {
        this.injected = injected;
    }

    @Test
    void endpointSettingsHaveTheStandardNames(Emulators emulators) {
        Map<String, String> settings = emulators.endpointSettings();
        assertThat(settings)
                .containsOnlyKeys(
                        "AWS_ENDPOINT_URL_S3",
                        "AWS_ENDPOINT_URL_SQS",
                        "AWS_ENDPOINT_URL_DYNAMODB",
                        "AWS_ENDPOINT_URL_SFN",
                        "AWS_REGION",
                        "AWS_ACCESS_KEY_ID",
                        "AWS_SECRET_ACCESS_KEY",
                        "VERITY_S3_PATH_STYLE",
                        "AWS_ENDPOINT_URL_EVENTBRIDGE");
        // the recording EventBridge runs with every embedded start
        assertThat(settings.get("AWS_ENDPOINT_URL_EVENTBRIDGE"))
                .isEqualTo(emulators.eventBridgeEndpoint().toString());
        assertThat(settings).containsEntry("AWS_REGION", "us-east-1").containsEntry("VERITY_S3_PATH_STYLE", "true");
        assertThat(settings.get("AWS_ENDPOINT_URL_S3"))
                .isEqualTo(emulators.s3Endpoint().toString());
        assertThat(settings.get("AWS_ENDPOINT_URL_SQS"))
                .isEqualTo(emulators.sqsEndpoint().toString());
        assertThat(settings.get("AWS_ENDPOINT_URL_DYNAMODB"))
                .isEqualTo(emulators.dynamoEndpoint().toString());
        assertThat(settings.get("AWS_ENDPOINT_URL_SFN"))
                .isEqualTo(emulators.sfnEndpoint().toString());
        for (URI endpoint : new URI[] {
            emulators.s3Endpoint(),
            emulators.sqsEndpoint(),
            emulators.dynamoEndpoint(),
            emulators.sfnEndpoint(),
            emulators.eventBridgeEndpoint()
        }) {
            assertThat(endpoint.getScheme()).isEqualTo("http");
            assertThat(endpoint.getHost()).isEqualTo("127.0.0.1");
            assertThat(endpoint.getPort()).isPositive();
        }
        assertThat(settings.values().stream().filter(v -> v.startsWith("http")).distinct())
                .hasSize(5);
    }

    @Test
    void settingsAreSystemPropertiesOfTheSameNamePlusTheSdksOwn(Emulators emulators) {
        emulators
                .endpointSettings()
                .forEach((name, value) ->
                        assertThat(System.getProperty(name)).as(name).isEqualTo(value));
        assertThat(System.getProperty("aws.region")).isEqualTo("us-east-1");
        assertThat(System.getProperty("aws.accessKeyId")).isEqualTo(emulators.accessKeyId());
        assertThat(System.getProperty("aws.secretAccessKey")).isEqualTo(emulators.secretAccessKey());
        assertThat(System.getProperty("aws.endpointUrlDynamoDb"))
                .isEqualTo(emulators.dynamoEndpoint().toString());
    }

    @Test
    void oneInstancePerRunAndTheSetupHookRanOnceBeforeTests(Emulators emulators) {
        assertThat(injected).isSameAs(emulators);
        assertThat(emulators.isEmbedded()).isTrue();
        assertThat(emulators.backend()).isEqualTo("embedded");
        assertThat(CountingSetup.CALLS.get()).isEqualTo(1);
        assertThat(CountingSetup.SEEN.get()).isSameAs(emulators);
        assertThat(CountingSetup.S3_PROPERTY_AT_SETUP.get())
                .isEqualTo(emulators.s3Endpoint().toString());
    }

    @Nested
    @ExtendWith(EmulatorsExtension.class)
    class ExtendedAgain {
        @Test
        void registeringTheExtensionAgainReusesTheSameEmulators(Emulators emulators) {
            assertThat(emulators).isSameAs(injected);
            assertThat(CountingSetup.CALLS.get()).isEqualTo(1);
        }
    }
}
