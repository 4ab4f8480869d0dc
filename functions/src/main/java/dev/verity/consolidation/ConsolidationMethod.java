package dev.verity.consolidation;

import java.util.Arrays;
import java.util.Optional;

/**
 * How a job's single-label answers become one label: Verity's {@link BayesianConsensus} (the default) or Ground Truth's
 * modified Dawid–Skene ({@link DawidSkene.Options#GROUND_TRUTH}), for teams that must reproduce Ground Truth's numbers.
 */
public enum ConsolidationMethod {
    VERITY("Verity"),
    GROUND_TRUTH("GroundTruth");

    private static final BayesianConsensus BAYESIAN = new BayesianConsensus();
    private static final DawidSkene DAWID_SKENE = new DawidSkene(DawidSkene.Options.GROUND_TRUTH);

    private final String requestName;

    ConsolidationMethod(String requestName) {
        this.requestName = requestName;
    }

    /** The value that names this method in a request. */
    public String requestName() {
        return requestName;
    }

    public static Optional<ConsolidationMethod> fromRequestName(String name) {
        return Arrays.stream(values()).filter(m -> m.requestName.equals(name)).findFirst();
    }

    /** Labels the items and measures the workers, with no gold items. */
    public Consensus run(CrowdAnswers answers) {
        return run(answers, answers.noneKnown());
    }

    /** Labels the items and measures the workers; {@code known[item]} is a gold item's class or -1. */
    public Consensus run(CrowdAnswers answers, int[] known) {
        return this == VERITY ? BAYESIAN.run(answers, known) : DAWID_SKENE.run(answers, known);
    }

    /** Labels items with workers measured over the whole job by {@link #run}. */
    public Consensus apply(CrowdAnswers answers, WorkerModel model, int[] known) {
        return this == VERITY ? BAYESIAN.apply(answers, model, known) : DAWID_SKENE.apply(answers, model, known);
    }
}
