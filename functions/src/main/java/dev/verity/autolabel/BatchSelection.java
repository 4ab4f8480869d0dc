package dev.verity.autolabel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * After a round's inference: which unlabeled objects the model labels, and which go to humans next. Objects at or
 * above the threshold are machine-labeled (the surest first, if a stopping condition allows only some); the least sure
 * of the rest go to humans, {@code batchSize} of them. When the round machine-labels nothing, retraining would not
 * change that, so every object left goes to humans in one last batch.
 *
 * @param batchSize    objects per human batch ({@code MaxConcurrentTaskCount})
 * @param humanBudget  how many more objects humans may label ({@code MaxHumanLabeledObjectCount}); Long.MAX_VALUE
 *                     without a limit
 * @param labelBudget  how many more objects may be labeled at all ({@code MaxPercentageOfInputDatasetLabeled})
 */
public record BatchSelection(int batchSize, long humanBudget, long labelBudget) {

    public BatchSelection {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
    }

    /**
     * @param machineLabeled the objects the model labels now
     * @param humans         the next human batch, least sure first
     * @param lastBatch      true if no round follows the human batch: this round labeled nothing, so the rest went to
     *                       humans
     * @param left           objects neither labeled now nor sent to humans
     */
    public record Result(List<Prediction> machineLabeled, List<String> humans, boolean lastBatch, int left) {

        /**
         * True if no round follows: the human batch is the last, or there is none (without new human labels another
         * round would train the same model and label nothing new).
         */
        public boolean done() {
            return lastBatch || humans.isEmpty();
        }
    }

    /**
     * @param pool      every unlabeled object that is not with humans, with this round's prediction (an object the
     *                  model could not read has confidence 0)
     * @param threshold the round's threshold ({@link Double#POSITIVE_INFINITY}: label nothing)
     */
    public Result select(List<Prediction> pool, double threshold) {
        Comparator<Prediction> surest = Comparator.comparingDouble(Prediction::confidence)
                .reversed()
                .thenComparing(Prediction::datasetObjectId);
        Comparator<Prediction> leastSure =
                Comparator.comparingDouble(Prediction::confidence).thenComparing(Prediction::datasetObjectId);
        List<Prediction> sure = new ArrayList<>();
        List<Prediction> rest = new ArrayList<>();
        for (Prediction p : pool) {
            (p.confidence() >= threshold ? sure : rest).add(p);
        }
        sure.sort(surest);
        int machineCount = (int) Math.min(sure.size(), Math.max(0, labelBudget));
        List<Prediction> machine = List.copyOf(sure.subList(0, machineCount));
        rest.addAll(sure.subList(machineCount, sure.size()));
        rest.sort(leastSure);
        boolean nothingNew = machine.isEmpty();
        long wanted = nothingNew ? rest.size() : batchSize;
        long budget = Math.min(humanBudget, labelBudget - machineCount);
        int toHumans = (int) Math.max(0, Math.min(Math.min(wanted, rest.size()), budget));
        List<String> humans = rest.subList(0, toHumans).stream()
                .map(Prediction::datasetObjectId)
                .toList();
        return new Result(machine, humans, nothingNew, rest.size() - toHumans);
    }
}
