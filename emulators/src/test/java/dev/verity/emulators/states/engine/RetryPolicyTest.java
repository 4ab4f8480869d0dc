package dev.verity.emulators.states.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RetryPolicy policy(String state) throws Exception {
        return new RetryPolicy(JSON.readTree(state));
    }

    @Test
    void delaysGrowByTheBackoffRateUpToMaxDelay() throws Exception {
        RetryPolicy policy = policy("""
        {"Retry": [{"ErrorEquals": ["A"], "IntervalSeconds": 2, "MaxAttempts": 6, "BackoffRate": 2,
                    "MaxDelaySeconds": 10}]}""");
        RetryPolicy.Retrier retrier = policy.retrier(0);
        assertThat(List.of(0, 1, 2, 3).stream()
                        .map(n -> retrier.delayMillis(n, () -> 0.5))
                        .toList())
                .containsExactly(2000L, 4000L, 8000L, 10000L);
        assertThat(retrier.maxAttempts()).isEqualTo(6);
    }

    @Test
    void defaultsAndFullJitter() throws Exception {
        RetryPolicy.Retrier defaults =
                policy("{\"Retry\": [{\"ErrorEquals\": [\"A\"]}]}").retrier(0);
        assertThat(defaults.maxAttempts()).isEqualTo(3);
        assertThat(defaults.delayMillis(1, () -> 0.5)).isEqualTo(2000L);
        RetryPolicy.Retrier jitter = policy("""
        {"Retry": [{"ErrorEquals": ["A"], "IntervalSeconds": 4, "BackoffRate": 1, "JitterStrategy": "FULL"}]}""").retrier(0);
        assertThat(jitter.delayMillis(0, () -> 0.25)).isEqualTo(1000L);
    }

    @Test
    void matchingRules() throws Exception {
        RetryPolicy policy = policy("""
        {"Retry": [{"ErrorEquals": ["Lambda.ServiceException"]}, {"ErrorEquals": ["States.TaskFailed"]}],
         "Catch": [{"ErrorEquals": ["States.Timeout"], "Next": "T"}, {"ErrorEquals": ["States.ALL"], "Next": "All"}]}""");
        assertThat(policy.retrierFor("Lambda.ServiceException")).isZero();
        assertThat(policy.retrierFor("Custom")).isEqualTo(1);
        assertThat(policy.retrierFor("States.Timeout")).isEqualTo(-1);
        assertThat(policy.catcherFor("States.Timeout").path("Next").asText()).isEqualTo("T");
        assertThat(policy.catcherFor("Custom").path("Next").asText()).isEqualTo("All");
        assertThat(policy.catcherFor("States.Runtime")).isNull();
    }
}
