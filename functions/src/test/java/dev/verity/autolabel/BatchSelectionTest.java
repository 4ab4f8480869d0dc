package dev.verity.autolabel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchSelectionTest {

    private static final long NO_LIMIT = Long.MAX_VALUE;

    /** Objects "0".."n-1" with confidences spread evenly from 0.3 to 0.99. */
    private static List<Prediction> pool(int n) {
        List<Prediction> pool = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pool.add(new Prediction(Integer.toString(i), i % 3, 0.3 + 0.69 * i / (n - 1)));
        }
        return pool;
    }

    @Test
    void objectsAtOrAboveTheThresholdAreMachineLabeledAndTheLeastSureGoToHumans() {
        List<Prediction> pool = pool(100);
        double threshold = pool.get(80).confidence();

        BatchSelection.Result result = new BatchSelection(10, NO_LIMIT, NO_LIMIT).select(pool, threshold);

        assertThat(result.machineLabeled())
                .extracting(Prediction::datasetObjectId)
                .containsExactlyInAnyOrderElementsOf(pool.subList(80, 100).stream()
                        .map(Prediction::datasetObjectId)
                        .toList());
        assertThat(result.machineLabeled().get(0).datasetObjectId()).isEqualTo("99"); // the surest first
        assertThat(result.humans()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        assertThat(result.left()).isEqualTo(70);
        assertThat(result.done()).isFalse();
    }

    @Test
    void aRoundThatLabelsNothingSendsEveryObjectLeftToHumansInALastBatch() {
        BatchSelection.Result result =
                new BatchSelection(10, NO_LIMIT, NO_LIMIT).select(pool(50), Double.POSITIVE_INFINITY);

        assertThat(result.machineLabeled()).isEmpty();
        assertThat(result.humans()).hasSize(50).startsWith("0", "1");
        assertThat(result.lastBatch()).isTrue();
        assertThat(result.done()).isTrue();
        assertThat(result.left()).isZero();
    }

    @Test
    void whenEverythingIsMachineLabeledNothingGoesToHumansAndTheLoopEnds() {
        BatchSelection.Result result = new BatchSelection(10, NO_LIMIT, NO_LIMIT).select(pool(30), 0.3);

        assertThat(result.machineLabeled()).hasSize(30);
        assertThat(result.humans()).isEmpty();
        assertThat(result.done()).isTrue();
    }

    @Test
    void theHumanBudgetCapsTheBatchAndASpentBudgetEndsTheLoop() {
        List<Prediction> pool = pool(100);
        double threshold = pool.get(90).confidence();

        BatchSelection.Result capped = new BatchSelection(20, 5, NO_LIMIT).select(pool, threshold);
        assertThat(capped.humans()).containsExactly("0", "1", "2", "3", "4");
        assertThat(capped.done()).isFalse();

        BatchSelection.Result spent = new BatchSelection(20, 0, NO_LIMIT).select(pool, threshold);
        assertThat(spent.machineLabeled()).hasSize(10);
        assertThat(spent.humans()).isEmpty();
        assertThat(spent.left()).isEqualTo(90);
        assertThat(spent.done()).isTrue();
    }

    @Test
    void theLabelBudgetKeepsTheSurestMachineLabelsAndLeavesNoRoomForHumans() {
        List<Prediction> pool = pool(100);

        BatchSelection.Result result =
                new BatchSelection(20, NO_LIMIT, 5).select(pool, pool.get(90).confidence());

        assertThat(result.machineLabeled())
                .extracting(Prediction::datasetObjectId)
                .containsExactly("99", "98", "97", "96", "95");
        assertThat(result.humans()).isEmpty();
        assertThat(result.done()).isTrue();
    }

    @Test
    void anUnreadableObjectWithConfidenceZeroIsAmongTheFirstToHumans() {
        List<Prediction> pool = new ArrayList<>(pool(10));
        pool.add(new Prediction("unreadable", -1, 0));

        BatchSelection.Result result = new BatchSelection(2, NO_LIMIT, NO_LIMIT).select(pool, 0.9);

        assertThat(result.humans()).containsExactly("unreadable", "0");
    }

    @Test
    void tiesAreBrokenByObjectIdSoARetryChoosesTheSame() {
        List<Prediction> pool =
                List.of(new Prediction("b", 0, 0.5), new Prediction("a", 0, 0.5), new Prediction("c", 1, 0.99));

        BatchSelection.Result first = new BatchSelection(1, NO_LIMIT, NO_LIMIT).select(pool, 0.9);
        BatchSelection.Result second =
                new BatchSelection(1, NO_LIMIT, NO_LIMIT).select(List.of(pool.get(2), pool.get(1), pool.get(0)), 0.9);

        assertThat(first.humans()).containsExactly("a");
        assertThat(second).isEqualTo(first);
    }

    @Test
    void aBatchHoldsAtLeastOneObject() {
        assertThatThrownBy(() -> new BatchSelection(0, NO_LIMIT, NO_LIMIT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
    }
}
