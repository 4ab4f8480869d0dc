package dev.verity.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.verity.consolidation.CrowdAnswers;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {

    private static final int OBJECTS = 20_000;

    @Test
    void anEqualPoolIsRightAbout85PercentOfTheTime() {
        CrowdDataset job = WorkerPool.EQUAL.job(OBJECTS, 4, new SplittableRandom(1));

        assertThat(accuracy(job, null)).isCloseTo(0.85, within(0.01));
    }

    @Test
    void aSpreadPoolsWorkersRangeFrom60To95Percent() {
        CrowdDataset job = WorkerPool.SPREAD.job(OBJECTS, 2, new SplittableRandom(2));

        assertThat(accuracy(job, "w0")).isCloseTo(0.60, within(0.02));
        assertThat(accuracy(job, "w2")).isCloseTo(0.775, within(0.02));
        assertThat(accuracy(job, "w4")).isCloseTo(0.95, within(0.02));
    }

    @Test
    void aSpammerIsRightOnlyByChanceAndTheOthers85Percent() {
        CrowdDataset job = WorkerPool.SPAMMER.job(OBJECTS, 4, new SplittableRandom(3));

        assertThat(accuracy(job, "w0")).isCloseTo(0.25, within(0.02));
        assertThat(accuracy(job, "w1")).isCloseTo(0.85, within(0.02));
    }

    @Test
    void anAdversaryAnswersTheTrueClassesSuccessor() {
        CrowdDataset job = WorkerPool.ADVERSARY.job(2_000, 4, new SplittableRandom(4));
        CrowdAnswers answers = job.answers();

        int seen = 0;
        for (int i = 0; i < answers.items(); i++) {
            for (int a = answers.firstAnswer(i); a < answers.firstAnswer(i + 1); a++) {
                if (answers.workerId(answers.worker(a)).equals("w0")) {
                    assertThat(answers.label(a)).isEqualTo((job.truth()[i] + 1) % 4);
                    seen++;
                }
            }
        }
        assertThat(seen).isGreaterThan(1_000); // 3 of 5 workers per object: about 60% of the objects
        assertThat(accuracy(job, "w3")).isCloseTo(0.85, within(0.03));
    }

    @Test
    void anAdversaryWithTwoClassesIsAlwaysWrong() {
        CrowdDataset job = WorkerPool.ADVERSARY.job(2_000, 2, new SplittableRandom(5));

        assertThat(accuracy(job, "w0")).isZero();
    }

    @Test
    void aWrongAnswerIsSpreadEvenlyOverTheOtherClasses() {
        CrowdDataset job = WorkerPool.EQUAL.job(OBJECTS, 4, new SplittableRandom(6));
        CrowdAnswers answers = job.answers();
        int[] offsets = new int[4];
        for (int i = 0; i < answers.items(); i++) {
            for (int a = answers.firstAnswer(i); a < answers.firstAnswer(i + 1); a++) {
                offsets[(answers.label(a) - job.truth()[i] + 4) % 4]++;
            }
        }
        int wrong = offsets[1] + offsets[2] + offsets[3];

        for (int offset = 1; offset < 4; offset++) {
            assertThat((double) offsets[offset] / wrong).isCloseTo(1 / 3.0, within(0.02));
        }
    }

    @Test
    void eachObjectIsAnsweredByThreeDistinctWorkersOfFive() {
        CrowdDataset job = WorkerPool.SPREAD.job(500, 10, new SplittableRandom(7));
        CrowdAnswers answers = job.answers();

        assertThat(answers.items()).isEqualTo(500);
        assertThat(answers.answers()).isEqualTo(1_500);
        assertThat(answers.workers()).isEqualTo(5);
        for (int i = 0; i < answers.items(); i++) {
            Set<Integer> workers = new HashSet<>();
            for (int a = answers.firstAnswer(i); a < answers.firstAnswer(i + 1); a++) {
                workers.add(answers.worker(a));
            }
            assertThat(workers).hasSize(3);
        }
    }

    @Test
    void theSameSeedGivesTheSameJob() {
        CrowdDataset first = WorkerPool.SPAMMER.job(100, 4, new SplittableRandom(8));
        CrowdDataset again = WorkerPool.SPAMMER.job(100, 4, new SplittableRandom(8));

        assertThat(again.truth()).isEqualTo(first.truth());
        for (int a = 0; a < first.answers().answers(); a++) {
            assertThat(again.answers().label(a)).isEqualTo(first.answers().label(a));
            assertThat(again.answers().worker(a)).isEqualTo(first.answers().worker(a));
        }
    }

    /** Share of right answers, of one worker or (null) of all. */
    private static double accuracy(CrowdDataset job, String workerId) {
        CrowdAnswers answers = job.answers();
        int total = 0;
        int right = 0;
        for (int i = 0; i < answers.items(); i++) {
            for (int a = answers.firstAnswer(i); a < answers.firstAnswer(i + 1); a++) {
                if (workerId == null || answers.workerId(answers.worker(a)).equals(workerId)) {
                    total++;
                    right += answers.label(a) == job.truth()[i] ? 1 : 0;
                }
            }
        }
        return (double) right / total;
    }
}
