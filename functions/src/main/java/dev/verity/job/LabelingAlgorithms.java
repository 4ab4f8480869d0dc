package dev.verity.job;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The automated-labeling algorithms a job may name in {@code LabelingJobAlgorithmSpecificationArn}: Ground Truth's
 * ({@code arn:aws:sagemaker:<region>:027400017018:labeling-job-algorithm-specification/image-classification}; each
 * Region has its own account, so any is accepted) and Verity's own {@code verity-classification}, which fits image
 * and text classification alike. All of them run Verity's built-in models.
 */
public final class LabelingAlgorithms {

    public static final String VERITY = "verity-classification";
    /** Ground Truth's least number of objects for automated labeling. */
    public static final int MIN_OBJECTS = 1_250;

    static final String SHAPE = "arn:aws:sagemaker:<region>:<account>:labeling-job-algorithm-specification/<algorithm>";

    private static final Pattern ARN = Pattern.compile(
            "arn:aws[a-z\\-]*:sagemaker:[a-z0-9\\-]*:[0-9]{12}:labeling-job-algorithm-specification/([A-Za-z0-9\\-]+)");
    /** Single-label classification: the task types Verity machine-labels, and the Ground Truth algorithm of each. */
    private static final Map<String, String> TASK_TYPES = Map.of(
            "ImageMultiClass", "image-classification",
            "TextMultiClass", "text-classification");
    /** Ground Truth's algorithms that Verity does not run yet, with what they label. */
    private static final Map<String, String> NOT_YET = Map.of(
            "object-detection", "bounding boxes",
            "semantic-segmentation", "semantic segmentation masks");

    private LabelingAlgorithms() {}

    /** The algorithm an ARN names, or empty if it is not such an ARN. */
    static Optional<String> algorithmOf(String arn) {
        Matcher matcher = ARN.matcher(arn);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** Why this algorithm cannot label this task type ({@code taskType} may be null: not known), or empty if it can. */
    static Optional<String> problem(String algorithm, String taskType) {
        if (NOT_YET.containsKey(algorithm)) {
            return Optional.of("automated labeling of " + NOT_YET.get(algorithm) + " (" + algorithm
                    + ") is not supported yet; Verity machine-labels single-label image and text classification");
        }
        if (!algorithm.equals(VERITY) && !TASK_TYPES.containsValue(algorithm)) {
            return Optional.of("names the unknown algorithm \"" + algorithm + "\"; use one of "
                    + List.of("image-classification", "text-classification", VERITY));
        }
        if (taskType == null) {
            return Optional.empty();
        }
        String fits = TASK_TYPES.get(taskType);
        if (fits == null) {
            return Optional.of("automated data labeling is not available for task type " + taskType
                    + ": only single-label image and text classification (ImageMultiClass, TextMultiClass) can be "
                    + "machine-labeled, as with Ground Truth (not multi-label, named entities, custom, adjustment or "
                    + "verification jobs)");
        }
        if (!algorithm.equals(VERITY) && !algorithm.equals(fits)) {
            return Optional.of("the algorithm " + algorithm + " does not label task type " + taskType + "; use " + fits
                    + " (or " + VERITY + ")");
        }
        return Optional.empty();
    }
}
