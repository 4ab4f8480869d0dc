package dev.verity.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.verity.catalog.ScheduleSpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ScheduledFunctionsTest {

    @Test
    void eachScheduledFunctionIsInvokedAtItsRateEvenAfterARunFails() {
        List<String> calls = new CopyOnWriteArrayList<>();
        try (var schedules = new ScheduledFunctions(
                List.of(new ScheduleSpec("remind-expiring", Duration.ofMillis(20))), (function, payload) -> {
                    calls.add(function + " " + payload);
                    throw new IllegalStateException("the first runs fail");
                })) {
            await().atMost(Duration.ofSeconds(10)).until(() -> calls.size() >= 3);
        }
        assertThat(calls).allMatch(call -> call.equals("verity-remind-expiring {}"));
    }
}
