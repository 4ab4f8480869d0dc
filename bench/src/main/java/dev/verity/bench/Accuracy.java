package dev.verity.bench;

import dev.verity.consolidation.Consensus;
import dev.verity.consolidation.CrowdAnswers;
import dev.verity.consolidation.MajorityVote;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntUnaryOperator;

/** Share of items whose consolidated label equals the truth, for each method the benchmark compares. */
final class Accuracy {

    private Accuracy() {}

    /** Majority vote with ties broken uniformly at random, as the published baselines do; mean over the seeds. */
    static double randomTieMajority(CrowdAnswers answers, int[] truth, int seeds) {
        double sum = 0;
        for (int seed = 0; seed < seeds; seed++) {
            Random random = new Random(seed);
            sum += of(truth, item -> {
                int[] counts = votes(answers, item);
                int most = 0;
                for (int count : counts) {
                    most = Math.max(most, count);
                }
                List<Integer> tied = new ArrayList<>();
                for (int c = 0; c < counts.length; c++) {
                    if (counts[c] == most) {
                        tied.add(c);
                    }
                }
                return tied.get(random.nextInt(tied.size()));
            });
        }
        return sum / seeds;
    }

    /** Majority vote as Verity ships it ({@link MajorityVote}: ties seeded by the item id). */
    static double shippedMajority(CrowdAnswers answers, int[] truth) {
        return of(truth, item -> {
            List<Integer> votes = new ArrayList<>();
            int[] counts = votes(answers, item);
            for (int c = 0; c < counts.length; c++) {
                for (int n = 0; n < counts[c]; n++) {
                    votes.add(c);
                }
            }
            return MajorityVote.decide(votes, answers.itemId(item)).winner();
        });
    }

    static double of(Consensus result, int[] truth) {
        return of(truth, result::label);
    }

    /** Over the items with a known truth (-1 marks none). */
    static double of(int[] truth, IntUnaryOperator labelOfItem) {
        int known = 0;
        int right = 0;
        for (int item = 0; item < truth.length; item++) {
            if (truth[item] >= 0) {
                known++;
                right += labelOfItem.applyAsInt(item) == truth[item] ? 1 : 0;
            }
        }
        return (double) right / known;
    }

    private static int[] votes(CrowdAnswers answers, int item) {
        int[] counts = new int[answers.classes()];
        for (int a = answers.firstAnswer(item); a < answers.firstAnswer(item + 1); a++) {
            counts[answers.label(a)]++;
        }
        return counts;
    }
}
