package dev.verity.tasktype;

import java.util.Optional;

/**
 * Ground Truth's rule that most task types' label attribute names must not end in "-ref", and semantic segmentation's
 * must, since their value is an S3 URI (reference §2.2).
 */
final class RefSuffixRule {

    private RefSuffixRule() {}

    static Optional<String> mustNotEndInRef(String labelAttributeName, String taskType) {
        return labelAttributeName.endsWith("-ref")
                ? Optional.of(
                        "must not end in \"-ref\" for task type " + taskType + ", got \"" + labelAttributeName + "\"")
                : Optional.empty();
    }

    static Optional<String> mustEndInRef(String labelAttributeName, String taskType) {
        return labelAttributeName.endsWith("-ref")
                ? Optional.empty()
                : Optional.of(
                        "must end in \"-ref\" for task type " + taskType + ", got \"" + labelAttributeName + "\"");
    }
}
