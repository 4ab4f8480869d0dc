package dev.verity.labeling;

/**
 * One object's consolidated human label as automated labeling reads it.
 *
 * @param label    the class index
 * @param answers  how many workers answered
 * @param agreeing how many of them picked {@code label}
 * @param gold     the known true class of a gold question, or null
 */
record HumanLabel(String datasetObjectId, int label, double confidence, int answers, int agreeing, Integer gold) {

    /**
     * The class this label is sure to be: a gold question's truth, or the workers' class when at least two (or the
     * job's only one) agreed unanimously. Three workers of accuracy 0.85 are unanimous and wrong on ten classes once in
     * ~2,700 objects, while their consolidated label is wrong about one time in sixteen; a threshold fitted to such
     * labels measures the model, not the workers. Null if the label is not near-certain.
     */
    Integer certainClass(int workersPerObject) {
        if (gold != null) {
            return gold;
        }
        return agreeing == answers && answers >= Math.min(2, workersPerObject) ? label : null;
    }
}
