package dev.verity.consolidation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class DawidSkeneTest {

    private static final DawidSkene GROUND_TRUTH = new DawidSkene(DawidSkene.Options.GROUND_TRUTH);

    @Test
    void theFirstEpochIsThePriorTimesThePriorConfusionEntries() {
        // A: w1=0 w2=0 w3=1; B: all three say 1. Class prior from the answers, add-one: (2+1)/8, (4+1)/8.
        // A: class 0 ∝ 3/8 · .7 · .7 · .3 = .055125, class 1 ∝ 5/8 · .3 · .3 · .7 = .039375 → p0 = 7/12.
        // B: class 0 ∝ 3/8 · .3³ = .010125, class 1 ∝ 5/8 · .7³ = .214375 → p1 = .9549.
        CrowdAnswers answers = answers(2, "A w1 0", "A w2 0", "A w3 1", "B w1 1", "B w2 1", "B w3 1");

        Consensus result = new DawidSkene(new DawidSkene.Options(1, 1e-8, 0.7, 1, false)).run(answers);

        assertThat(result.posterior(0, 0)).isCloseTo(7.0 / 12, within(1e-12));
        assertThat(result.posterior(1, 1)).isCloseTo(.214375 / .2245, within(1e-12));
        assertThat(result.label(0)).isZero();
        assertThat(result.confidence(0)).isEqualTo(0.58);
        assertThat(result.confidence(1)).isEqualTo(0.95);
        assertThat(result.epochs()).isEqualTo(1);
    }

    @Test
    void theMStepAddsOwnAndSharedPriorPseudoCountsToThePosteriorCounts() {
        // X: w1=0 w2=0; Y: w1=1 w2=1. Epoch 1: p0(X) = .49 / (.49 + .09) = .844828, and Y mirrors it.
        // M-step, w1's row for true class 0: answered 0 with weight p0(X), 1 with p0(Y) = .155172; plus 1 × (.7, .3)
        // for its own prior and 1/2 × (.7, .3) for the all-worker prior: (1.894828, .605172) / 2.5 → .757931 on the
        // diagonal. Epoch 2: p0(X) = .757931² / (.757931² + .242069²) = .907437.
        CrowdAnswers answers = answers(2, "X w1 0", "X w2 0", "Y w1 1", "Y w2 1");

        Consensus result = new DawidSkene(new DawidSkene.Options(2, 1e-8, 0.7, 1, false)).run(answers);

        double diagonal = (.49 / .58 + 1.05) / 2.5;
        double p0 = diagonal * diagonal / (diagonal * diagonal + (1 - diagonal) * (1 - diagonal));
        assertThat(result.posterior(0, 0)).isCloseTo(p0, within(1e-12));
        assertThat(result.posterior(1, 1)).isCloseTo(p0, within(1e-12));
        assertThat(result.workers())
                .allSatisfy(worker -> assertThat(worker.accuracy()).isCloseTo(diagonal, within(1e-12)));
        assertThat(result.confidence(0)).isEqualTo(0.91);
    }

    @Test
    void aReliableWorkerOutvotesTwoUninformativeOnes() {
        // r, a, b agree on 8 items; u1 and u2 are right on half. Contested item: r says 1, u1 and u2 say 0.
        // EM learns r ≈ .98 and the u's ≈ .48, so their two 0s barely move the odds r's 1 gives: p1 ≈ .98.
        CrowdAnswers.Builder builder = CrowdAnswers.builder(2);
        for (int i = 0; i < 8; i++) {
            int truth = i % 2;
            builder.add("i" + i, "r", truth);
            builder.add("i" + i, "a", truth);
            builder.add("i" + i, "b", truth);
            builder.add("i" + i, "u1", i < 4 ? truth : 1 - truth);
            builder.add("i" + i, "u2", i < 4 ? 1 - truth : truth);
        }
        builder.add("contested", "r", 1);
        builder.add("contested", "u1", 0);
        builder.add("contested", "u2", 0);

        Consensus result = GROUND_TRUTH.run(builder.build());

        assertThat(result.label(8)).isEqualTo(1);
        assertThat(result.confidence(8)).isEqualTo(0.98);
        assertThat(result.workers()).extracting(WorkerQuality::workerId).containsExactly("r", "a", "b", "u1", "u2");
        assertThat(result.workers().get(0).accuracy()).isCloseTo(0.976, within(0.001));
        assertThat(result.workers().get(3).accuracy()).isCloseTo(0.480, within(0.001));
        assertThat(result.workers().get(0).answers()).isEqualTo(9);
    }

    @Test
    void aSingleAnswerGivesConfidenceZero() {
        Consensus result = GROUND_TRUTH.run(answers(3, "only w1 2", "pair w1 1", "pair w2 1"));

        assertThat(result.label(0)).isEqualTo(2);
        assertThat(result.confidence(0)).isZero();
        assertThat(result.confidence(1)).isPositive();
    }

    @Test
    void anExactTieIsBrokenByTheItemIdAsMajorityVoteDoes() {
        // One worker says 0, the other 1, nothing else to tell them apart: the posterior stays at one half.
        // TieBreak picks the first tied class for "0" and the second for "1" (see MajorityVoteTest).
        Consensus zero = GROUND_TRUTH.run(answers(2, "0 a 0", "0 b 1"));
        Consensus one = GROUND_TRUTH.run(answers(2, "1 a 0", "1 b 1"));

        assertThat(zero.label(0)).isZero();
        assertThat(one.label(0)).isEqualTo(1);
        assertThat(zero.confidence(0)).isEqualTo(0.5);
    }

    @Test
    void stopsWithinTheEpochBound() {
        assertThat(GROUND_TRUTH
                        .run(answers(2, "x a 0", "x b 0", "y a 1", "y b 0"))
                        .epochs())
                .isBetween(1, 20);
    }

    @Test
    void refusesOptionsOutsideTheirRange() {
        assertThatThrownBy(() -> new DawidSkene.Options(0, 1e-8, 0.7, 1, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DawidSkene.Options(20, 1e-8, 1.0, 1, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DawidSkene.Options(20, 1e-8, 0.7, 0, false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Each answer as "item worker class". */
    @Test
    void goldQuestionsExposeWorkersWhoAgreeOnlyWithEachOther() {
        // w1 and w2 always answer 0; w3 answers the truth. Four gold items are class 1.
        List<String> rows = new java.util.ArrayList<>();
        for (String item : List.of("G1", "G2", "G3", "G4", "X")) {
            rows.add(item + " w1 0");
            rows.add(item + " w2 0");
            rows.add(item + " w3 1");
        }
        CrowdAnswers answers = answers(2, rows.toArray(String[]::new));
        DawidSkene ds = new DawidSkene(DawidSkene.Options.GROUND_TRUTH);

        Consensus withoutGold = ds.run(answers);
        assertThat(withoutGold.label(4)).isZero();

        Consensus withGold = ds.run(answers, new int[] {1, 1, 1, 1, -1});
        assertThat(withGold.label(4)).isEqualTo(1);
        assertThat(withGold.label(0)).isEqualTo(1);
        assertThat(withGold.confidence(0)).isEqualTo(1.0);
        assertThat(withGold.workers())
                .filteredOn(w -> w.workerId().equals("w3"))
                .singleElement()
                .satisfies(w3 -> assertThat(w3.accuracy()).isGreaterThan(0.8));
        assertThat(withGold.workers())
                .filteredOn(w -> w.workerId().equals("w1"))
                .singleElement()
                .satisfies(w1 -> assertThat(w1.accuracy()).isLessThan(0.5));
    }

    @Test
    void aJobWideModelLabelsAChunkWithWhatTheWholeJobTaughtAboutItsWorkers() {
        List<String> rows = new java.util.ArrayList<>();
        for (String item : List.of("G1", "G2", "G3", "G4")) {
            rows.add(item + " w1 0");
            rows.add(item + " w2 0");
            rows.add(item + " w3 1");
        }
        DawidSkene ds = new DawidSkene(DawidSkene.Options.GROUND_TRUTH);
        WorkerModel model = ds.run(answers(2, rows.toArray(String[]::new)), new int[] {1, 1, 1, 1})
                .model();
        WorkerModel reloaded = WorkerModel.fromJson(model.toJson());

        CrowdAnswers chunk = answers(2, "Y w1 0", "Y w2 0", "Y w3 1", "Z w4 1", "Z w1 0");
        assertThat(ds.run(chunk).label(0)).isZero();
        Consensus result = ds.apply(chunk, reloaded, new int[] {-1, -1});
        assertThat(result.label(0)).isEqualTo(1);
        assertThat(result.label(1))
                .as("a worker the model never saw counts at the job's mean accuracy")
                .isEqualTo(1);
        assertThat(result.epochs()).isZero();
        assertThat(reloaded.confusion().get("w3"))
                .containsExactly(model.confusion().get("w3"));
    }

    @Test
    void knownClassesMustCoverEveryItem() {
        CrowdAnswers answers = answers(2, "A w1 0", "B w1 1");
        assertThatThrownBy(() -> new DawidSkene(DawidSkene.Options.GROUND_TRUTH).run(answers, new int[] {1}))
                .hasMessageContaining("expected 2");
    }

    private static CrowdAnswers answers(int classes, String... rows) {
        CrowdAnswers.Builder builder = CrowdAnswers.builder(classes);
        for (String row : rows) {
            String[] fields = row.split(" ");
            builder.add(fields[0], fields[1], Integer.parseInt(fields[2]));
        }
        return builder.build();
    }
}
