package dev.verity.labeling;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ARN-like name of the model a round of automated labeling trained:
 * {@code arn:aws:sagemaker:<region>:<account>:model/<job>-iteration-<n>}. Describe answers the final one as
 * {@code LabelingJobOutput.FinalActiveLearningModelArn}; a later job names it as {@code InitialActiveLearningModelArn}.
 */
record ModelArn(String jobName, int iteration) {

    private static final Pattern ARN =
            Pattern.compile("arn:aws[a-z\\-]*:sagemaker:[a-z0-9\\-]*:[0-9]{12}:model/(.+)-iteration-([1-9][0-9]{0,5})");

    /** The model of round {@code iteration} of the job with this ARN. */
    static String of(String jobArn, int iteration) {
        return jobArn.replace(":labeling-job/", ":model/") + "-iteration-" + iteration;
    }

    /** The job and round a model ARN names, or empty if it is not one Verity made. */
    static Optional<ModelArn> parse(String arn) {
        Matcher matcher = ARN.matcher(arn);
        return matcher.matches()
                ? Optional.of(new ModelArn(matcher.group(1), Integer.parseInt(matcher.group(2))))
                : Optional.empty();
    }
}
