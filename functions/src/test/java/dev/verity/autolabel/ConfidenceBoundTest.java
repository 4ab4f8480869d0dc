package dev.verity.autolabel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ConfidenceBoundTest {

    private static final double Z = ConfidenceBound.Z_95;

    @Test
    void allRightOutOfNIsBoundedByOneOverOnePlusZSquaredOverN() {
        // p = 1 makes the Wilson bound n / (n + z²): 50 right of 50 is not yet 95% certain, 52 of 52 is.
        assertThat(ConfidenceBound.wilsonLower(50, 50, Z)).isCloseTo(50 / (50 + Z * Z), within(1e-12));
        assertThat(ConfidenceBound.wilsonLower(50, 50, Z)).isLessThan(0.95);
        assertThat(ConfidenceBound.wilsonLower(52, 52, Z)).isGreaterThan(0.95);
    }

    @Test
    void aHandWorkedCaseMatches() {
        // 95 of 100: p = .95, z² = 2.7055; centre .95 + .013528, margin 1.6449 * sqrt(.000475 + .00006764) = .038317.
        assertThat(ConfidenceBound.wilsonLower(95, 100, Z)).isCloseTo((0.963528 - 0.038317) / 1.027055, within(1e-5));
    }

    @Test
    void theBoundIsBelowTheShareAndRisesWithTheSample() {
        double small = ConfidenceBound.wilsonLower(19, 20, Z);
        double large = ConfidenceBound.wilsonLower(1900, 2000, Z);
        assertThat(small).isLessThan(large).isLessThan(0.95);
        assertThat(ConfidenceBound.wilsonLower(0, 10, Z)).isZero();
    }

    @Test
    void noTrialsBoundNothing() {
        assertThat(ConfidenceBound.wilsonLower(0, 0, Z)).isZero();
    }
}
