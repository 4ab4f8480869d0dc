package dev.verity.autolabel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.verity.autolabel.ThresholdCalibration.Outcome;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThresholdCalibrationTest {

    private final ThresholdCalibration calibration = ThresholdCalibration.GROUND_TRUTH;

    /** {@code count} outcomes at one confidence, the first {@code right} of them correct. */
    private static List<Outcome> at(double confidence, int count, int right, String prefix) {
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            outcomes.add(new Outcome(prefix + i, confidence, i < right));
        }
        return outcomes;
    }

    @Test
    void theLowestThresholdWhoseLowerBoundReachesTheTargetIsChosen() {
        // 100 right at 0.99; then 100 at 0.9 with 95 right; then 100 at 0.6 with 60 right.
        // ≥ 0.99: 100/100, bound .9737. ≥ 0.9: 195/200, bound .9476 (< .95). ≥ 0.6: 255/300, far below.
        List<Outcome> outcomes = new ArrayList<>(at(0.99, 100, 100, "a"));
        outcomes.addAll(at(0.9, 100, 95, "b"));
        outcomes.addAll(at(0.6, 100, 60, "c"));

        ThresholdCalibration.Result result = calibration.choose(outcomes, 0, 0);

        assertThat(result.threshold()).isEqualTo(0.99);
        assertThat(result.labeled()).hasSize(100).allMatch(o -> o.objectId().startsWith("a"));
        assertThat(result.accuracy()).isEqualTo(1.0);
        assertThat(result.lowerBound())
                .isCloseTo(100 / (100 + ConfidenceBound.Z_95 * ConfidenceBound.Z_95), within(1e-12));
    }

    @Test
    void aLowerThresholdIsChosenWhenItsLargerSampleStillMeetsTheTarget() {
        // ≥ 0.9: 100 + 97 right of 200 → bound ≈ .9560, so 0.9 beats 0.99.
        List<Outcome> outcomes = new ArrayList<>(at(0.99, 100, 100, "a"));
        outcomes.addAll(at(0.9, 100, 97, "b"));

        ThresholdCalibration.Result result = calibration.choose(outcomes, 0, 0);

        assertThat(result.threshold()).isEqualTo(0.9);
        assertThat(result.labeled()).hasSize(200);
        assertThat(result.correct()).isEqualTo(197);
        assertThat(result.lowerBound()).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void whenNoThresholdReachesTheTargetNothingIsMachineLabeled() {
        // 90% right everywhere: the point estimate never reaches 95%, let alone its bound.
        ThresholdCalibration.Result result = calibration.choose(at(0.97, 200, 180, "a"), 0, 0);

        assertThat(result.labelsAnything()).isFalse();
        assertThat(result.threshold()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(result.labeled()).isEmpty();
    }

    @Test
    void aPerfectButSmallSampleIsNotEnough() {
        // 50 of 50 right: the bound is .948, short of .95; the point estimate alone would have passed.
        assertThat(calibration.choose(at(0.99, 50, 50, "a"), 0, 0).labelsAnything())
                .isFalse();
        assertThat(calibration.choose(at(0.99, 52, 52, "a"), 0, 0).labelsAnything())
                .isTrue();
    }

    @Test
    void objectsOfEqualConfidenceAreTakenTogether() {
        // At 0.8, 60 objects of which 30 are wrong: no threshold may split them to keep only the right ones.
        List<Outcome> outcomes = new ArrayList<>(at(0.95, 100, 100, "a"));
        outcomes.addAll(at(0.8, 60, 30, "b"));

        ThresholdCalibration.Result result = calibration.choose(outcomes, 0, 0);

        assertThat(result.threshold()).isEqualTo(0.95);
        assertThat(result.labeled()).noneMatch(o -> o.objectId().startsWith("b"));
    }

    @Test
    void earlierRoundsMachineLabelsCountTowardsTheBound() {
        // Earlier rounds labeled 300 validation objects, 294 right (98%). This round's 100 at 0.9 are 93% right:
        // alone they fail, but all 400 labels together are 387/400 (96.75%, bound .9495), just short;
        // with 96 right they pass (390/400, bound .9586).
        assertThat(calibration.choose(at(0.9, 100, 93, "a"), 0, 0).labelsAnything())
                .isFalse();
        assertThat(calibration.choose(at(0.9, 100, 93, "a"), 300, 294).labelsAnything())
                .isFalse();
        ThresholdCalibration.Result result = calibration.choose(at(0.9, 100, 96, "a"), 300, 294);
        assertThat(result.labelsAnything()).isTrue();
        assertThat(result.totalLabeled()).isEqualTo(400);
        assertThat(result.totalCorrect()).isEqualTo(390);
        assertThat(result.labeled()).hasSize(100);
    }

    @Test
    void poorEarlierRoundsLeaveNoRoomForMore() {
        // If the labels so far are only 94% right, no new label can lift the bound to 95% (short of many perfect ones).
        ThresholdCalibration.Result result = calibration.choose(at(0.99, 20, 20, "a"), 500, 470);

        assertThat(result.labelsAnything()).isFalse();
        assertThat(result.totalLabeled()).isEqualTo(500);
        assertThat(result.accuracy()).isEqualTo(0.94);
    }

    @Test
    void noCandidatesLabelNothing() {
        ThresholdCalibration.Result result = calibration.choose(List.of(), 0, 0);

        assertThat(result.labelsAnything()).isFalse();
        assertThat(result.accuracy()).isNaN();
    }
}
