package dev.verity.job;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ground Truth's built-in task types are named by their Lambda ARNs: {@code ...:function:PRE-<Type>} before annotation
 * and {@code ...:function:ACS-<Type>} for consolidation. Any partition, Region and account are accepted, because each
 * Region has its own Ground Truth account and Verity runs the types itself.
 */
final class BuiltInLambdaArns {

    static final String PRE = "PRE";
    static final String ACS = "ACS";

    private static final Pattern ARN =
            Pattern.compile("arn:aws[a-z\\-]*:lambda:[a-z0-9\\-]+:[0-9]{12}:function:(PRE|ACS)-([A-Za-z0-9]+)");

    private BuiltInLambdaArns() {
    }

    /** The {@code <Type>} of a {@code PRE-}/{@code ACS-} ARN ({@code prefix} says which), or empty if it is not one. */
    static Optional<String> taskTypeOf(String arn, String prefix) {
        Matcher matcher = ARN.matcher(arn);
        return matcher.matches() && matcher.group(1).equals(prefix) ? Optional.of(matcher.group(2)) : Optional.empty();
    }

    /** The task type named by either ARN (either may be null); the pre-annotation one wins if both name one. */
    static Optional<String> taskTypeName(String preHumanTaskLambdaArn, String annotationConsolidationLambdaArn) {
        Optional<String> pre = preHumanTaskLambdaArn == null ? Optional.empty()
                : taskTypeOf(preHumanTaskLambdaArn, PRE);
        return pre.isPresent() || annotationConsolidationLambdaArn == null ? pre
                : taskTypeOf(annotationConsolidationLambdaArn, ACS);
    }

    static String shape(String prefix) {
        return "arn:aws:lambda:<region>:<account>:function:" + prefix + "-<TaskType>";
    }
}
