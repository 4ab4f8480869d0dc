package dev.verity.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.verity.consolidation.CrowdAnswers;
import org.junit.jupiter.api.Test;

class ComparedMethodTest {

    @Test
    void majorityVotesConfidenceIsTheWinnersUnroundedVoteShare() {
        CrowdAnswers.Builder builder = CrowdAnswers.builder(3);
        builder.add("a", "w1", 2);
        builder.add("a", "w2", 2);
        builder.add("a", "w3", 0);
        builder.add("b", "w1", 1);
        builder.add("b", "w2", 1);
        builder.add("b", "w3", 1);

        ComparedMethod.Labels labels = ComparedMethod.MV.label(builder.build());

        assertThat(labels.label()).containsExactly(2, 1);
        assertThat(labels.confidence()[0]).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(labels.confidence()[1]).isEqualTo(1.0);
    }

    @Test
    void theModelMethodsReportTheChosenClasssPosteriorNotGroundTruthsZeroForOneAnswer() {
        CrowdAnswers.Builder builder = CrowdAnswers.builder(2);
        builder.add("a", "w1", 0);
        builder.add("a", "w2", 0);
        builder.add("b", "w1", 1);

        for (ComparedMethod method : new ComparedMethod[] {ComparedMethod.GROUND_TRUTH, ComparedMethod.VERITY}) {
            ComparedMethod.Labels labels = method.label(builder.build());

            assertThat(labels.label()[0]).isZero();
            assertThat(labels.confidence()[0]).isGreaterThan(0.5).isLessThanOrEqualTo(1.0);
            assertThat(labels.confidence()[1]).isGreaterThan(0.0);
        }
    }
}
