package dev.verity.tasktype;

import dev.verity.job.LabelCategoryConfig;
import java.util.Optional;

/** Ground Truth's cap on label categories for some task types (50 for multi-label and bounding boxes). */
final class CategoryLimit {

    static final int GROUND_TRUTH_MAX = 50;

    private CategoryLimit() {}

    static Optional<String> atMost(int max, String typeName, LabelCategoryConfig categories) {
        int count = categories.labels().size();
        return count > max
                ? Optional.of(
                        "task type " + typeName + " allows at most " + max + " labels, the configuration has " + count)
                : Optional.empty();
    }
}
