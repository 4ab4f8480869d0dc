package dev.verity.consolidation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.consolidation.SpanConsolidation.Entity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpanConsolidationTest {

    @Test
    void unanimousWorkersGiveEachEntityConfidenceOneInTextOrder() {
        List<Entity> entities = consolidate(
                worker(span("PER", 0, 5), span("LOC", 10, 14)),
                worker(span("LOC", 10, 14), span("PER", 0, 5)),
                worker(span("PER", 0, 5), span("LOC", 10, 14)));

        assertThat(entities).containsExactly(entity("PER", 0, 5, 1.0), entity("LOC", 10, 14, 1.0));
    }

    @Test
    void boundariesAreTheOnesMostWorkersChose() {
        // [2,10) shares 8 of [0,10)'s 10 characters: one cluster; start 0 twice against 2 once, end 10 three times.
        assertThat(consolidate(worker(span("PER", 0, 10)), worker(span("PER", 0, 10)), worker(span("PER", 2, 10))))
                .containsExactly(entity("PER", 0, 10, 0.67));
    }

    @Test
    void eachBoundaryFallsBackToTheMedianOnItsOwn() {
        // Starts agree (mode 0); ends 10, 11, 12 all differ, so the median 11; only worker 2 chose exactly [0,11).
        assertThat(consolidate(worker(span("PER", 0, 10)), worker(span("PER", 0, 11)), worker(span("PER", 0, 12))))
                .containsExactly(entity("PER", 0, 11, 0.33));
    }

    @Test
    void anEvenCountWithoutAModeTakesTheLowerMedian() {
        // Starts 0,1,2,3 -> 1; ends 10,11,12,13 -> 11. Even [0,10) and [3,13) share 7 of 13 characters (> 0.5).
        assertThat(consolidate(
                        worker(span("PER", 0, 10)),
                        worker(span("PER", 1, 11)),
                        worker(span("PER", 2, 12)),
                        worker(span("PER", 3, 13))))
                .containsExactly(entity("PER", 1, 11, 0.25));
    }

    @Test
    void tiedModesAreNoClearModeSoTheMedianDecides() {
        // Starts 0,0,2,2 tie between 0 and 2: the lower median is 0; likewise ends 10,10,12,12 give 10.
        assertThat(consolidate(
                        worker(span("PER", 0, 10)),
                        worker(span("PER", 0, 10)),
                        worker(span("PER", 2, 12)),
                        worker(span("PER", 2, 12))))
                .containsExactly(entity("PER", 0, 10, 0.5));
    }

    @Test
    void aSpanOnlyOneWorkerOfThreeMarkedIsDropped() {
        assertThat(consolidate(
                        worker(span("PER", 0, 5)),
                        worker(span("PER", 0, 5)),
                        worker(span("PER", 0, 5), span("ORG", 20, 25))))
                .containsExactly(entity("PER", 0, 5, 1.0));
    }

    @Test
    void aSpanHalfTheWorkersMarkedIsKept() {
        assertThat(consolidate(worker(span("PER", 0, 5)), worker(span("PER", 0, 5), span("LOC", 8, 12))))
                .containsExactly(entity("PER", 0, 5, 1.0), entity("LOC", 8, 12, 0.5));
    }

    @Test
    void workersWhoMarkedNothingStillCount() {
        assertThat(consolidate(worker(span("PER", 0, 5)), worker(), worker())).isEmpty();
        assertThat(consolidate(worker(span("PER", 0, 5)), worker(span("PER", 0, 5)), worker()))
                .containsExactly(entity("PER", 0, 5, 0.67));
    }

    @Test
    void noEntitiesWhenNobodyMarkedAny() {
        assertThat(consolidate(worker(), worker(), worker())).isEmpty();
    }

    @Test
    void theLabelIsTheMostAssignedOne() {
        assertThat(consolidate(worker(span("PER", 0, 5)), worker(span("ORG", 0, 5)), worker(span("PER", 0, 5))))
                .containsExactly(entity("PER", 0, 5, 0.67));
    }

    @Test
    void confidenceCountsOnlyWorkersWithExactlyTheChosenSpanAndLabel() {
        // Boundaries [0,10) by mode and label PER by vote, but [0,10) ORG and [0,12) PER each differ in one respect.
        assertThat(consolidate(worker(span("PER", 0, 10)), worker(span("ORG", 0, 10)), worker(span("PER", 0, 12))))
                .containsExactly(entity("PER", 0, 10, 0.33));
    }

    @Test
    void aLabelTieIsBrokenByTheKeyWhateverTheOrderOfTheAnswers() {
        // TieBreak on "0@0-5" picks the first of the sorted tied labels [ORG, PER]; on "1@0-5" the second.
        List<TextSpan> per = worker(span("PER", 0, 5));
        List<TextSpan> org = worker(span("ORG", 0, 5));

        assertThat(SpanConsolidation.consolidate(List.of(per, org), "0")).containsExactly(entity("ORG", 0, 5, 0.5));
        assertThat(SpanConsolidation.consolidate(List.of(org, per), "0")).containsExactly(entity("ORG", 0, 5, 0.5));
        assertThat(SpanConsolidation.consolidate(List.of(per, org), "1")).containsExactly(entity("PER", 0, 5, 0.5));
        assertThat(SpanConsolidation.consolidate(List.of(org, per), "1")).containsExactly(entity("PER", 0, 5, 0.5));
    }

    @Test
    void oneWorkerGivesConfidenceZeroToEveryEntity() {
        assertThat(consolidate(worker(span("PER", 0, 5), span("LOC", 6, 9))))
                .containsExactly(entity("PER", 0, 5, 0.0), entity("LOC", 6, 9, 0.0));
    }

    @Test
    void spansClusterOnlyAboveHalfTheirTextShared() {
        // [0,6) shares 6 of [0,10)'s 10 characters (0.6): one cluster of 2 of 3 workers; ends 10 and 6 tie -> 6.
        assertThat(consolidate(worker(span("PER", 0, 10)), worker(span("PER", 0, 6)), worker()))
                .containsExactly(entity("PER", 0, 6, 0.33));
        // [0,5) shares exactly half (0.5): two clusters of one worker of three each, both dropped.
        assertThat(consolidate(worker(span("PER", 0, 10)), worker(span("PER", 0, 5)), worker()))
                .isEmpty();
    }

    @Test
    void aSpanMustFitEveryMemberOfAClusterSoShiftedSpansDoNotChain() {
        // [0,10)~[2,12) (0.67) and [2,12)~[4,14) (0.67), but [0,10)~[4,14) is 0.43: [4,14) stands alone and is
        // dropped; chained, all three would have given [2,12).
        assertThat(consolidate(worker(span("PER", 0, 10)), worker(span("PER", 2, 12)), worker(span("PER", 4, 14))))
                .containsExactly(entity("PER", 0, 10, 0.33));
    }

    @Test
    void aSpanJoinsTheClusterItFitsBest() {
        // [1,13) fits [0,20) at 0.6 and [1,10) at 0.75: it joins [1,10), whose cluster has 2 of 3 workers; the
        // starts agree on 1, ends 10 and 13 tie -> 10. [0,20) alone is dropped.
        assertThat(consolidate(worker(span("PER", 0, 20)), worker(span("PER", 1, 10)), worker(span("PER", 1, 13))))
                .containsExactly(entity("PER", 1, 10, 0.33));
    }

    @Test
    void ofOverlappingEntitiesTheOneMoreWorkersMarkedWins() {
        // Clusters {A[0,6), B[0,10), C[0,10)} -> [0,10) and {D[5,15), A[6,15)} -> [5,15) overlap; 3 workers beat 2.
        assertThat(consolidate(
                        worker(span("PER", 0, 6), span("PER", 6, 15)),
                        worker(span("PER", 0, 10)),
                        worker(span("PER", 0, 10)),
                        worker(span("PER", 5, 15))))
                .containsExactly(entity("PER", 0, 10, 0.5));
    }

    @Test
    void ofEquallySupportedOverlappingEntitiesTheEarlierWins() {
        // [0,10) and [5,15) share 5 of 15 characters: two clusters of 2 of 4 workers each, equally confident.
        assertThat(consolidate(
                        worker(span("PER", 0, 10)),
                        worker(span("PER", 0, 10)),
                        worker(span("ORG", 5, 15)),
                        worker(span("ORG", 5, 15))))
                .containsExactly(entity("PER", 0, 10, 0.5));
    }

    @Test
    void theOrderOfWorkersDoesNotChangeTheResult() {
        List<List<TextSpan>> answers = new ArrayList<>(List.of(
                worker(span("PER", 0, 10), span("LOC", 20, 30)),
                worker(span("PER", 1, 10), span("ORG", 20, 29)),
                worker(span("ORG", 0, 11), span("LOC", 21, 30), span("DATE", 40, 44)),
                worker(span("PER", 0, 10), span("LOC", 20, 30))));
        List<Entity> expected = List.of(entity("PER", 0, 10, 0.5), entity("LOC", 20, 30, 0.5));

        assertThat(SpanConsolidation.consolidate(answers, "doc")).isEqualTo(expected);
        Collections.reverse(answers);
        assertThat(SpanConsolidation.consolidate(answers, "doc")).isEqualTo(expected);
    }

    @Test
    void refusesToConsolidateWithoutAnyAnswer() {
        assertThatThrownBy(() -> SpanConsolidation.consolidate(List.of(), "doc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("consolidating spans needs at least one worker's answer");
    }

    @SafeVarargs
    private static List<Entity> consolidate(List<TextSpan>... workers) {
        return SpanConsolidation.consolidate(List.of(workers), "doc");
    }

    private static List<TextSpan> worker(TextSpan... spans) {
        return List.of(spans);
    }

    private static TextSpan span(String label, int start, int end) {
        return new TextSpan(label, start, end);
    }

    private static Entity entity(String label, int start, int end, double confidence) {
        return new Entity(span(label, start, end), confidence);
    }
}
