package dev.verity.bench;

import dev.verity.consolidation.Consensus;
import dev.verity.consolidation.ConsolidationMethod;
import dev.verity.consolidation.CrowdAnswers;
import dev.verity.consolidation.MajorityVote;
import java.util.ArrayList;
import java.util.List;

/** The single-label methods the consolidation benchmark compares, each giving a label and a confidence per item. */
enum ComparedMethod {
    /** Majority vote with Verity's tie rule ({@link MajorityVote}); confidence is the winner's share of the votes. */
    MV("MV"),
    /** Ground Truth's modified Dawid–Skene ({@link ConsolidationMethod#GROUND_TRUTH}). */
    GROUND_TRUTH("GT DS"),
    /** Verity's default ({@link ConsolidationMethod#VERITY}). */
    VERITY("Verity");

    /** Labels and confidences by item index; confidence is unrounded (a posterior or a vote share). */
    record Labels(int[] label, double[] confidence) {}

    private final String title;

    ComparedMethod(String title) {
        this.title = title;
    }

    String title() {
        return title;
    }

    Labels label(CrowdAnswers answers) {
        int items = answers.items();
        int[] label = new int[items];
        double[] confidence = new double[items];
        if (this == MV) {
            for (int i = 0; i < items; i++) {
                List<Integer> votes = new ArrayList<>();
                for (int a = answers.firstAnswer(i); a < answers.firstAnswer(i + 1); a++) {
                    votes.add(answers.label(a));
                }
                label[i] = MajorityVote.decide(votes, answers.itemId(i)).winner();
                int chosen = label[i];
                confidence[i] = (double) votes.stream().filter(v -> v == chosen).count() / votes.size();
            }
            return new Labels(label, confidence);
        }
        ConsolidationMethod method = this == VERITY ? ConsolidationMethod.VERITY : ConsolidationMethod.GROUND_TRUTH;
        Consensus consensus = method.run(answers);
        for (int i = 0; i < items; i++) {
            label[i] = consensus.label(i);
            // The posterior itself, not Consensus.confidence's 2-decimal rounding (nor Ground Truth's 0 for one
            // answer).
            confidence[i] = Math.min(1, Math.max(0, consensus.posterior(i, label[i])));
        }
        return new Labels(label, confidence);
    }
}
