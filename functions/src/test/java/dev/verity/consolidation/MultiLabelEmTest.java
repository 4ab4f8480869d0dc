package dev.verity.consolidation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.verity.consolidation.MultiLabelEm.Estimate;
import dev.verity.consolidation.MultiLabelEm.Reliability;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MultiLabelEmTest {

    private static final Set<Integer> ALL = Set.of(0, 1, 2);

    @Test
    void oneEpochIsOneMStepFromTheVoteSharesThenOneEStep() {
        // Labels a=0, b=1; w1 ticks {a}, w2 ticks {a, b}. Vote shares: a 1, b 1/2.
        // M-step: prevalence a (1+1)/(1+2) = 2/3, b (1/2+1)/3 = 1/2.
        //   w1: sensitivity (1 + 1.4)/(3/2 + 2) = 24/35, specificity (1/2 + 1.4)/(1/2 + 2) = 19/25;
        //   w2: sensitivity (1 + 1/2 + 1.4)/(3/2 + 2) = 29/35, specificity (0 + 1.4)/(1/2 + 2) = 14/25.
        // E-step odds: a = 2 * (24/35)/(6/25) * (29/35)/(11/25) = 2 * 20/7 * 145/77 = 5800/539;
        //              b = 1 * (11/35)/(19/25) * 145/77 = 55/133 * 145/77 = 7975/10241.
        Estimate estimate = new MultiLabelEm(1).estimate(List.of(object("w1", Set.of(0), "w2", Set.of(0, 1))), 2);

        assertThat(estimate.posterior(0, 0)).isCloseTo(5800.0 / 6339, within(1e-12));
        assertThat(estimate.posterior(0, 1)).isCloseTo(7975.0 / 18216, within(1e-12));
        assertThat(estimate.workers().get("w1").sensitivity()).isCloseTo(24.0 / 35, within(1e-12));
        assertThat(estimate.workers().get("w1").specificity()).isCloseTo(19.0 / 25, within(1e-12));
        assertThat(estimate.workers().get("w2").sensitivity()).isCloseTo(29.0 / 35, within(1e-12));
        assertThat(estimate.workers().get("w2").specificity()).isCloseTo(14.0 / 25, within(1e-12));
        assertThat(estimate.epochs()).isEqualTo(1);
    }

    @Test
    void threeUnanimousWorkersConvergeToTheFixedPointOfTheirSymmetry() {
        // All three tick {a} of {a, b}. First epoch: sensitivity = specificity = (1 + 1.4)/3 = 0.8, prevalence
        // a 2/3, b 1/3, so odds a = 2 * 4^3 = 128: posterior 128/129. By symmetry b stays at 1 - t where t is a's
        // posterior, and t solves t/(1-t) = (t+1)/(2-t) * ((t+1.4)/(1.6-t))^3: t = 0.99174 to 5 places.
        List<Map<String, Set<Integer>>> objects = List.of(object("w1", Set.of(0), "w2", Set.of(0), "w3", Set.of(0)));

        assertThat(new MultiLabelEm(1).estimate(objects, 2).posterior(0, 0)).isCloseTo(128.0 / 129, within(1e-12));
        Estimate converged = new MultiLabelEm().estimate(objects, 2);
        assertThat(converged.posterior(0, 0)).isCloseTo(0.99174, within(1e-5));
        assertThat(converged.posterior(0, 1)).isCloseTo(1 - converged.posterior(0, 0), within(1e-12));
        assertThat(converged.epochs()).isLessThan(MultiLabelEm.DEFAULT_MAX_EPOCHS);
    }

    @Test
    void learnsThatAWorkerWhoTicksEverythingSaysNothingByATick() {
        // c1 and c2 tick what applies; s ticks all three labels every time. Of the 12 (object, label) pairs about
        // 7.4 are judged absent and s ticked every one, so s's specificity is about 1.4/(7.4 + 2) = 0.15.
        List<Map<String, Set<Integer>>> objects = List.of(
                object("c1", Set.of(0), "c2", Set.of(0), "s", ALL),
                object("c1", Set.of(1), "c2", Set.of(1), "s", ALL),
                object("c1", Set.of(2), "c2", Set.of(2), "s", ALL),
                object("c1", Set.of(0, 1), "c2", Set.of(0), "s", ALL));

        Estimate estimate = new MultiLabelEm().estimate(objects, 3);

        assertThat(estimate.workers().get("s").specificity()).isCloseTo(0.15, within(0.01));
        assertThat(estimate.workers().get("c1").specificity()).isGreaterThan(0.8);
        assertThat(estimate.workers().get("c2").specificity()).isGreaterThan(0.8);
        // A majority vote gives the labels s alone ticked 1/3; the EM all but rules them out.
        assertThat(estimate.posterior(0, 1)).isLessThan(0.05);
        assertThat(estimate.posterior(0, 2)).isLessThan(0.05);
        assertThat(estimate.posterior(0, 0)).isGreaterThan(0.95);
    }

    @Test
    void objectsWithOneWorkerDoNotMoveTheEstimates() {
        Map<String, Set<Integer>> shared = object("w1", Set.of(0), "w2", Set.of(0, 1));
        Estimate alone = new MultiLabelEm().estimate(List.of(shared), 2);

        Estimate withLoneAnswers =
                new MultiLabelEm().estimate(List.of(object("w1", Set.of(1)), shared, object("w3", Set.of(0, 1))), 2);

        assertThat(withLoneAnswers.posterior(1, 0)).isEqualTo(alone.posterior(0, 0));
        assertThat(withLoneAnswers.posterior(1, 1)).isEqualTo(alone.posterior(0, 1));
        assertThat(withLoneAnswers.workers().get("w1"))
                .isEqualTo(alone.workers().get("w1"));
        assertThat(withLoneAnswers.workers().get("w3")).isEqualTo(new Reliability(0.7, 0.7));
    }

    @Test
    void theOrderTheAnswersArrivedInChangesNothing() {
        Map<String, Set<Integer>> forward = object("a", Set.of(0, 2), "b", Set.of(2), "c", Set.of(1, 2));
        Map<String, Set<Integer>> backward = object("c", Set.of(2, 1), "b", Set.of(2), "a", Set.of(2, 0));

        Estimate one = new MultiLabelEm().estimate(List.of(forward, object("a", Set.of(1), "c", Set.of(1))), 3);
        Estimate other = new MultiLabelEm().estimate(List.of(backward, object("c", Set.of(1), "a", Set.of(1))), 3);

        for (int label = 0; label < 3; label++) {
            assertThat(other.posterior(0, label)).isEqualTo(one.posterior(0, label));
        }
        assertThat(other.workers()).isEqualTo(one.workers());
    }

    @Test
    void stopsAfterTheLastAllowedEpoch() {
        List<Map<String, Set<Integer>>> objects =
                List.of(object("w1", Set.of(0), "w2", Set.of(1)), object("w1", Set.of(0, 1), "w2", Set.of(1)));

        assertThat(new MultiLabelEm(2).estimate(objects, 2).epochs()).isEqualTo(2);
        assertThat(new MultiLabelEm().estimate(objects, 2).epochs()).isBetween(3, MultiLabelEm.DEFAULT_MAX_EPOCHS);
    }

    @Test
    void anEmptyBatchHasNothingToEstimate() {
        Estimate estimate = new MultiLabelEm().estimate(List.of(), 3);

        assertThat(estimate.workers()).isEmpty();
        assertThat(estimate.epochs()).isEqualTo(1);
    }

    @Test
    void refusesALabelOutsideTheCategoriesAndAnEpochBoundBelowOne() {
        assertThatThrownBy(() -> new MultiLabelEm().estimate(List.of(object("w1", Set.of(3))), 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("label index 3 is not in [0, 3)");
        assertThatThrownBy(() -> new MultiLabelEm(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxEpochs must be at least 1, got 0");
    }

    private static Map<String, Set<Integer>> object(Object... workerThenLabels) {
        Map<String, Set<Integer>> answers = new LinkedHashMap<>();
        for (int i = 0; i < workerThenLabels.length; i += 2) {
            @SuppressWarnings("unchecked")
            Set<Integer> labels = (Set<Integer>) workerThenLabels[i + 1];
            answers.put((String) workerThenLabels[i], labels);
        }
        return answers;
    }
}
