package dev.verity.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ExpectedCalibrationErrorTest {

    @Test
    void isZeroWhenEachBinsAccuracyEqualsItsConfidence() {
        ExpectedCalibrationError ece = new ExpectedCalibrationError();
        add(ece, 0.75, 3, 1); // bin 7: 3 of 4 right at 0.75
        add(ece, 0.95, 19, 1); // bin 9: 19 of 20 right at 0.95
        add(ece, 0.5, 5, 5); // bin 5: half right at 0.5

        assertThat(ece.value()).isCloseTo(0, within(1e-12));
    }

    @Test
    void isTheGapWhenEverythingIsCertainButOnly85PercentRight() {
        ExpectedCalibrationError ece = new ExpectedCalibrationError();
        add(ece, 1.0, 85, 15);

        assertThat(ece.value()).isCloseTo(0.15, within(1e-12));
    }

    @Test
    void weighsEachBinsGapByItsShareOfThePredictions() {
        ExpectedCalibrationError ece = new ExpectedCalibrationError();
        add(ece, 0.9, 3, 1); // bin 9: accuracy 0.75, gap 0.15, 4 of 10
        add(ece, 0.6, 6, 0); // bin 6: accuracy 1.0, gap 0.4, 6 of 10

        assertThat(ece.value()).isCloseTo(0.4 * 0.15 + 0.6 * 0.4, within(1e-12));
    }

    @Test
    void averagesConfidencesWithinABinBeforeComparingWithItsAccuracy() {
        ExpectedCalibrationError ece = new ExpectedCalibrationError();
        ece.add(0.81, true);
        ece.add(0.89, false); // one bin: accuracy 0.5, mean confidence 0.85

        assertThat(ece.value()).isCloseTo(0.35, within(1e-12));
        assertThat(ece.meanConfidence(8)).isCloseTo(0.85, within(1e-12));
        assertThat(ece.accuracy(8)).isEqualTo(0.5);
    }

    @Test
    void putsABinsLowerEdgeInThatBinAndOneInTheLastBin() {
        assertThat(ExpectedCalibrationError.bin(0.0)).isZero();
        assertThat(ExpectedCalibrationError.bin(0.0999)).isZero();
        assertThat(ExpectedCalibrationError.bin(0.1)).isEqualTo(1);
        assertThat(ExpectedCalibrationError.bin(0.3)).isEqualTo(3);
        assertThat(ExpectedCalibrationError.bin(0.7)).isEqualTo(7);
        assertThat(ExpectedCalibrationError.bin(0.8999)).isEqualTo(8);
        assertThat(ExpectedCalibrationError.bin(0.9)).isEqualTo(9);
        assertThat(ExpectedCalibrationError.bin(1.0)).isEqualTo(9);
    }

    @Test
    void keepsPredictionsEitherSideOfABinEdgeApart() {
        ExpectedCalibrationError ece = new ExpectedCalibrationError();
        ece.add(0.7, true); // bin 7: gap 0.3
        ece.add(0.6999, false); // bin 6: gap 0.6999

        assertThat(ece.count(6)).isEqualTo(1);
        assertThat(ece.count(7)).isEqualTo(1);
        // Pooled in one bin the two would nearly cancel: |0.5 − 0.69995| ≈ 0.2.
        assertThat(ece.value()).isCloseTo((0.3 + 0.6999) / 2, within(1e-12));
    }

    @Test
    void mergedAccumulatorsEqualOneThatSawEveryPrediction() {
        ExpectedCalibrationError first = new ExpectedCalibrationError();
        ExpectedCalibrationError second = new ExpectedCalibrationError();
        ExpectedCalibrationError all = new ExpectedCalibrationError();
        add(first, 0.95, 8, 2);
        add(all, 0.95, 8, 2);
        add(second, 0.55, 1, 3);
        add(all, 0.55, 1, 3);

        first.merge(second);

        assertThat(first.predictions()).isEqualTo(14);
        assertThat(first.value()).isCloseTo(all.value(), within(1e-12));
    }

    @Test
    void isZeroWithoutPredictionsAndLeavesEmptyBinsUndefined() {
        ExpectedCalibrationError ece = new ExpectedCalibrationError();

        assertThat(ece.value()).isZero();
        assertThat(ece.accuracy(3)).isNaN();
    }

    @Test
    void refusesAConfidenceOutsideZeroToOne() {
        ExpectedCalibrationError ece = new ExpectedCalibrationError();

        assertThatThrownBy(() -> ece.add(1.01, true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ece.add(Double.NaN, true)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void add(ExpectedCalibrationError ece, double confidence, int right, int wrong) {
        for (int n = 0; n < right; n++) {
            ece.add(confidence, true);
        }
        for (int n = 0; n < wrong; n++) {
            ece.add(confidence, false);
        }
    }
}
