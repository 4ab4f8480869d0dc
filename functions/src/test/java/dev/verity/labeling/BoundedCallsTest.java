package dev.verity.labeling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BoundedCallsTest {

    @Test
    void resultsComeInTheItemsOrderNullsIncluded() throws IOException {
        List<Integer> items = IntStream.range(0, 50).boxed().toList();

        List<String> results = BoundedCalls.map(items, 4, i -> i % 7 == 0 ? null : "item-" + i);

        assertThat(results).hasSize(50);
        assertThat(results.get(0)).isNull();
        assertThat(results.get(1)).isEqualTo("item-1");
        assertThat(results.get(49)).isNull();
        assertThat(results.get(48)).isEqualTo("item-48");
    }

    @Test
    void callsRunAtOnceUpToTheBoundAndNeverBeyondIt() throws IOException {
        CountDownLatch allThree = new CountDownLatch(3);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();

        List<Boolean> met = BoundedCalls.map(List.of(1, 2, 3, 4, 5, 6), 3, i -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            allThree.countDown();
            try {
                // only calls running side by side can all pass this: one at a time, the first would wait in vain
                return allThree.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IOException(e);
            } finally {
                running.decrementAndGet();
            }
        });

        assertThat(met).containsOnly(true);
        assertThat(most.get()).isEqualTo(3);
    }

    @Test
    void aFailedCallFailsTheWholeWithItsOwnException() {
        assertThatThrownBy(() -> BoundedCalls.map(List.of(1, 2, 3), 2, i -> {
                    if (i == 2) {
                        throw new IOException("object 2 could not be read");
                    }
                    return i;
                }))
                .isInstanceOf(IOException.class)
                .hasMessage("object 2 could not be read");
        assertThatThrownBy(() -> BoundedCalls.map(List.of(1, 2), 2, i -> {
                    throw new IllegalStateException("no");
                }))
                .isInstanceOf(IllegalStateException.class);
    }
}
