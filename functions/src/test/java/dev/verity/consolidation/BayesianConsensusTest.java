package dev.verity.consolidation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BayesianConsensusTest {

    private static final BayesianConsensus BAYESIAN = new BayesianConsensus();

    @Test
    void unanimousItemsGetTheirAnswerAndTwoAgainstOneGoesToTheTwoWhenTheWorkersLookAlike() {
        // Three workers, each right on every unanimous item: nothing tells them apart, so 2:1 is decided by the vote.
        CrowdAnswers.Builder builder = CrowdAnswers.builder(2);
        for (int i = 0; i < 12; i++) {
            for (String worker : new String[] {"a", "b", "c"}) {
                builder.add("u" + i, worker, i % 2);
            }
        }
        builder.add("split", "a", 1);
        builder.add("split", "b", 0);
        builder.add("split", "c", 1);
        CrowdAnswers answers = builder.build();

        Consensus result = BAYESIAN.run(answers);

        for (int i = 0; i < 12; i++) {
            assertThat(result.label(i)).isEqualTo(i % 2);
            assertThat(result.confidence(i)).isGreaterThan(0.9).isLessThanOrEqualTo(1.0);
        }
        assertThat(result.label(12)).isEqualTo(1);
        assertThat(result.confidence(12)).isGreaterThan(0.5).isLessThan(result.confidence(0));
    }

    @Test
    void aSpammersAnswersCarryNoWeight() {
        // Four good workers answer every item; the spammer answers at random. Flipping the spammer's answer on an item
        // barely moves its posterior, and the spammer is measured at chance.
        int items = 60;
        int[] truth = new int[items];
        SplittableRandom random = new SplittableRandom(7);
        CrowdAnswers.Builder builder = CrowdAnswers.builder(2);
        CrowdAnswers.Builder flipped = CrowdAnswers.builder(2);
        for (int i = 0; i < items; i++) {
            truth[i] = random.nextInt(2);
            for (int w = 0; w < 4; w++) {
                int answer = random.nextDouble() < 0.85 ? truth[i] : 1 - truth[i];
                builder.add("i" + i, "good" + w, answer);
                flipped.add("i" + i, "good" + w, answer);
            }
            int spam = random.nextInt(2);
            builder.add("i" + i, "spammer", spam);
            flipped.add("i" + i, "spammer", i == 0 ? 1 - spam : spam);
        }

        Consensus result = BAYESIAN.run(builder.build());
        Consensus other = BAYESIAN.run(flipped.build());

        assertThat(result.posterior(0, 1)).isCloseTo(other.posterior(0, 1), within(0.05));
        WorkerQuality spammer = result.workers().stream()
                .filter(w -> w.workerId().equals("spammer"))
                .findFirst()
                .orElseThrow();
        assertThat(spammer.accuracy()).isCloseTo(0.5, within(0.15));
        assertThat(result.workers().stream().filter(w -> w.workerId().startsWith("good")))
                .allSatisfy(w -> assertThat(w.accuracy()).isGreaterThan(0.75));
    }

    @Test
    void anAdversarysAnswersAreInverted() {
        // Three good workers agree on 40 items; the adversary always answers the other class. On an item only the
        // adversary answered, the label is the class they did not choose.
        CrowdAnswers.Builder builder = CrowdAnswers.builder(2);
        for (int i = 0; i < 40; i++) {
            int truth = i % 2;
            builder.add("i" + i, "a", truth);
            builder.add("i" + i, "b", truth);
            builder.add("i" + i, "c", truth);
            builder.add("i" + i, "adversary", 1 - truth);
        }
        builder.add("alone", "adversary", 0);
        CrowdAnswers answers = builder.build();

        Consensus result = BAYESIAN.run(answers);

        assertThat(result.label(40)).isEqualTo(1);
        assertThat(result.confidence(40)).isGreaterThan(0.8);
        assertThat(result.workers().stream()
                        .filter(w -> w.workerId().equals("adversary"))
                        .findFirst()
                        .orElseThrow()
                        .accuracy())
                .isLessThan(0.2);
    }

    @Test
    void withOneAnswerPerObjectTheLabelIsThatAnswerAndTheConfidenceTheWorkersAccuracyOnGoldQuestions() {
        // The worker answered 20 gold items, 16 right (0.8), and 30 others once each.
        CrowdAnswers.Builder builder = CrowdAnswers.builder(3);
        int[] known = new int[50];
        Arrays.fill(known, -1);
        for (int i = 0; i < 20; i++) {
            known[i] = i % 3;
            builder.add("gold" + i, "w", i < 16 ? i % 3 : (i + 1) % 3);
        }
        for (int i = 0; i < 30; i++) {
            builder.add("object" + i, "w", i % 3);
        }
        CrowdAnswers answers = builder.build();

        Consensus result = BAYESIAN.run(answers, known);

        for (int i = 20; i < 50; i++) {
            assertThat(result.label(i)).isEqualTo((i - 20) % 3);
            assertThat(result.confidence(i)).isCloseTo(0.8, within(0.07));
        }
    }

    @Test
    void withOneAnswerPerObjectAndNoGoldTheConfidenceIsThePriorNotZero() {
        CrowdAnswers.Builder builder = CrowdAnswers.builder(2);
        for (int i = 0; i < 30; i++) {
            builder.add("object" + i, "w" + (i % 3), i % 2);
        }

        Consensus result = BAYESIAN.run(builder.build());

        double prior = result.model().defaultAccuracy();
        assertThat(prior).isBetween(0.6, 0.99);
        for (int i = 0; i < 30; i++) {
            assertThat(result.label(i)).isEqualTo(i % 2);
            assertThat(result.confidence(i)).isGreaterThan(0.5).isLessThan(1.0);
        }
    }

    @Test
    void theSameAnswersAlwaysGiveTheSamePosteriors() {
        CrowdAnswers answers = SimulatedJob.of(200, 3, 5, 4, 11).answers();

        Consensus first = BAYESIAN.run(answers);
        Consensus second = BAYESIAN.run(answers);

        for (int i = 0; i < answers.items(); i++) {
            for (int c = 0; c < answers.classes(); c++) {
                assertThat(second.posterior(i, c)).isEqualTo(first.posterior(i, c));
            }
        }
    }

    @Test
    void theJobsModelLabelsAChunkAsTheRunOverTheWholeJobDid() {
        SimulatedJob job = SimulatedJob.of(300, 3, 6, 3, 5);
        Consensus whole = BAYESIAN.run(job.answers());
        WorkerModel reloaded = WorkerModel.fromJson(whole.model().toJson());

        Consensus applied =
                BAYESIAN.apply(job.answers(), reloaded, unknown(job.answers().items()));

        assertThat(reloaded.temperature()).isEqualTo(whole.model().temperature());
        for (int i = 0; i < job.answers().items(); i++) {
            assertThat(applied.label(i)).isEqualTo(whole.label(i));
            assertThat(applied.posterior(i, applied.label(i)))
                    .isCloseTo(whole.posterior(i, whole.label(i)), within(1e-9));
        }
    }

    @Test
    void confidencesMatchAccuracyOnASimulatedJob() {
        // 2,000 objects, 3 answers each from 8 workers of accuracy 0.55 to 0.95, 4 classes: the mean confidence of
        // the labels is within 0.02 of their accuracy, and no bin of ten misses by much.
        SimulatedJob job = SimulatedJob.of(2_000, 3, 8, 4, 3);

        Consensus result = BAYESIAN.run(job.answers());

        double confidence = 0;
        int right = 0;
        for (int i = 0; i < job.truth().length; i++) {
            confidence += result.posterior(i, result.label(i));
            right += result.label(i) == job.truth()[i] ? 1 : 0;
        }
        assertThat(confidence / job.truth().length).isCloseTo((double) right / job.truth().length, within(0.02));
    }

    @Test
    void refusesKnownClassesForAnotherNumberOfItems() {
        CrowdAnswers answers = SimulatedJob.of(10, 2, 3, 2, 1).answers();

        assertThatThrownBy(() -> BAYESIAN.run(answers, new int[3]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 items, expected 10");
    }

    @Test
    void logGammaMatchesFactorialsAndTheHalfIntegerValue() {
        assertThat(BayesianConsensus.logGamma(1)).isCloseTo(0, within(1e-12));
        assertThat(BayesianConsensus.logGamma(5)).isCloseTo(Math.log(24), within(1e-12));
        assertThat(BayesianConsensus.logGamma(101)).isCloseTo(363.73937555556347, within(1e-9));
        assertThat(BayesianConsensus.logGamma(0.5)).isCloseTo(0.5 * Math.log(Math.PI), within(1e-12));
        assertThat(BayesianConsensus.logGamma(0.01)).isCloseTo(4.599479878042022, within(1e-9));
    }

    private static int[] unknown(int items) {
        int[] known = new int[items];
        Arrays.fill(known, -1);
        return known;
    }

    /** A seeded job: each object answered by distinct workers of accuracies spread from 0.55 to 0.95. */
    private record SimulatedJob(CrowdAnswers answers, int[] truth) {

        static SimulatedJob of(int items, int answersPerItem, int workers, int classes, long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            CrowdAnswers.Builder builder = CrowdAnswers.builder(classes);
            int[] truth = new int[items];
            for (int i = 0; i < items; i++) {
                truth[i] = random.nextInt(classes);
                int first = random.nextInt(workers);
                for (int n = 0; n < answersPerItem; n++) {
                    int w = (first + n) % workers;
                    double accuracy = 0.55 + 0.4 * w / (workers - 1);
                    int answer = random.nextDouble() < accuracy
                            ? truth[i]
                            : (truth[i] + 1 + random.nextInt(classes - 1)) % classes;
                    builder.add("i" + i, "w" + w, answer);
                }
            }
            return new SimulatedJob(builder.build(), truth);
        }
    }
}
