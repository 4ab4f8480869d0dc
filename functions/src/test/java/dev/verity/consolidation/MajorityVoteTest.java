package dev.verity.consolidation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.consolidation.MajorityVote.Outcome;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MajorityVoteTest {

    @Test
    void aUnanimousVoteIsCertain() {
        assertThat(MajorityVote.decide(List.of(2, 2, 2), "x")).isEqualTo(new Outcome(2, 1.0));
    }

    @Test
    void twoOfThreeGivesTheWinningShareRoundedToTwoDecimals() {
        assertThat(MajorityVote.decide(List.of(1, 0, 1), "x")).isEqualTo(new Outcome(1, 0.67));
    }

    @Test
    void sharesAreRoundedHalfUp() {
        assertThat(MajorityVote.decide(List.of(0, 0, 0, 1, 2, 3, 4, 5), "x")).isEqualTo(new Outcome(0, 0.38));
        assertThat(MajorityVote.decide(List.of(3, 3, 3, 3, 1, 1, 2, 2, 0), "x")).isEqualTo(new Outcome(3, 0.44));
        assertThat(MajorityVote.decide(List.of(4, 4, 4, 0, 1), "x")).isEqualTo(new Outcome(4, 0.6));
    }

    @Test
    void aSingleVoteHasConfidenceZeroAsGroundTruthReportsForOneWorker() {
        assertThat(MajorityVote.decide(List.of(3), "x")).isEqualTo(new Outcome(3, 0.0));
    }

    @Test
    void twoAgreeingVotesAreCertain() {
        assertThat(MajorityVote.decide(List.of(1, 1), "x")).isEqualTo(new Outcome(1, 1.0));
    }

    @Test
    void aTieIsBrokenBySeedingWithTheKeyPinnedSoEveryJvmAgrees() {
        // Worked out from the documented rule: floorMod(mix("0".hashCode()), 2) = 0, for "1" it is 1.
        assertThat(MajorityVote.decide(List.of(0, 1), "0")).isEqualTo(new Outcome(0, 0.5));
        assertThat(MajorityVote.decide(List.of(0, 1), "1")).isEqualTo(new Outcome(1, 0.5));
        // Three tied classes: "obj-2" picks the first, "0" the second.
        assertThat(MajorityVote.decide(List.of(5, 2, 7), "obj-2")).isEqualTo(new Outcome(2, 0.33));
        assertThat(MajorityVote.decide(List.of(5, 2, 7), "0")).isEqualTo(new Outcome(5, 0.33));
    }

    @Test
    void aTieIsDecidedTheSameWhateverTheOrderOfTheVotes() {
        Outcome outcome = MajorityVote.decide(List.of(0, 1, 1, 0, 2), "img-42");

        assertThat(MajorityVote.decide(List.of(1, 0, 2, 0, 1), "img-42")).isEqualTo(outcome);
        assertThat(MajorityVote.decide(List.of(2, 1, 1, 0, 0), "img-42")).isEqualTo(outcome);
    }

    @Test
    void aTieIsWonOnlyByATiedClass() {
        for (int i = 0; i < 50; i++) {
            assertThat(MajorityVote.decide(List.of(4, 1, 4, 1, 0), "object-" + i)
                            .winner())
                    .isIn(1, 4);
        }
    }

    @Test
    void tiesAcrossSequentialObjectIdsFavourNoClass() {
        Map<Integer, Long> wins = IntStream.range(0, 100)
                .mapToObj(id ->
                        MajorityVote.decide(List.of(0, 1), Integer.toString(id)).winner())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));

        assertThat(wins.get(0)).isBetween(30L, 70L);
        assertThat(wins.get(1)).isBetween(30L, 70L);
    }

    @Test
    void refusesAnEmptyVote() {
        assertThatThrownBy(() -> MajorityVote.decide(List.of(), "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one vote");
    }
}
