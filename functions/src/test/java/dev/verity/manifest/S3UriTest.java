package dev.verity.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class S3UriTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "abc",
                "verity-data",
                "my.bucket.2024",
                "0-9",
                "a.-b",
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
            })
    void aBucketOfThreeToSixtyThreeLowerCaseLettersDigitsDotsAndHyphensIsAccepted(String bucket) {
        assertThat(S3Uri.parse("s3://" + bucket + "/key").bucket()).isEqualTo(bucket);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ab",
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                "-abc",
                "abc-",
                ".abc",
                "abc.",
                "Abc",
                "ab_c",
                "ab c",
                "ab\u00e9"
            })
    void aBucketNameBreakingS3sNamingRulesIsRefused(String bucket) {
        assertThatThrownBy(() -> S3Uri.parse("s3://" + bucket + "/key"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid bucket name '" + bucket + "'");
        assertThatThrownBy(() -> new S3Uri(bucket, "key")).isInstanceOf(IllegalArgumentException.class);
    }
}
