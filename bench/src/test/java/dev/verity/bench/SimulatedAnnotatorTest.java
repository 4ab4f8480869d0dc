package dev.verity.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SimulatedAnnotatorTest {

    private static final int DRAWS = 40_000;
    private final SimulatedAnnotator annotator = new SimulatedAnnotator(0.85, 10, 7);

    @Test
    void answersTheSameForTheSameWorkerAndObjectWhateverCameBefore() {
        int first = annotator.answer("worker-2", "t10k-00042.png", 3);
        for (int i = 0; i < 100; i++) {
            annotator.answer("worker-" + i, "t10k-" + i, i % 10);
        }

        assertThat(new SimulatedAnnotator(0.85, 10, 7).answer("worker-2", "t10k-00042.png", 3))
                .isEqualTo(first);
    }

    @Test
    void isRightAboutEightyFivePercentOfTheTime() {
        int right = 0;
        for (int i = 0; i < DRAWS; i++) {
            right += annotator.answer("worker-" + i % 5, "object-" + i, i % 10) == i % 10 ? 1 : 0;
        }

        // four standard deviations of a binomial share over 40,000 draws: about 0.007
        assertThat((double) right / DRAWS).isCloseTo(0.85, within(0.007));
    }

    @Test
    void spreadsWrongAnswersEvenlyOverTheOtherClasses() {
        int[] counts = new int[10];
        int wrong = 0;
        for (int i = 0; i < DRAWS; i++) {
            int answer = annotator.answer("worker-1", "object-" + i, 4);
            if (answer != 4) {
                counts[answer]++;
                wrong++;
            }
        }

        assertThat(counts[4]).isZero();
        for (int c = 0; c < 10; c++) {
            if (c != 4) {
                assertThat((double) counts[c] / wrong).as("class %d", c).isCloseTo(1.0 / 9, within(0.02));
            }
        }
    }

    @Test
    void givesDifferentWorkersIndependentAnswersOnTheSameObject() {
        int agree = 0;
        for (int i = 0; i < DRAWS; i++) {
            agree += annotator.answer("worker-1", "object-" + i, 0) == annotator.answer("worker-2", "object-" + i, 0)
                    ? 1
                    : 0;
        }

        // both right, or both the same one of 9 wrong classes
        assertThat((double) agree / DRAWS).isCloseTo(0.85 * 0.85 + 0.15 * 0.15 / 9, within(0.01));
    }

    @Test
    void answersWithinTheClassesOfABinaryTask() {
        SimulatedAnnotator binary = new SimulatedAnnotator(0.85, 2, 1);
        for (int i = 0; i < 1000; i++) {
            assertThat(binary.answer("w", "o" + i, 1)).isBetween(0, 1);
        }
    }
}
