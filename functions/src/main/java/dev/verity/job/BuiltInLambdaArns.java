package dev.verity.job;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ground Truth's built-in task types are named by their Lambda ARNs: {@code ...:function:PRE-<Type>} before annotation
 * and {@code ...:function:ACS-<Type>} for consolidation. Any partition, Region and account are accepted, because each
 * Region has its own Ground Truth account and Verity runs the types itself. Any other function ARN is the requester's
 * own Lambda: a custom task type ({@link #CUSTOM}).
 *
 * <p>The rule: a built-in PRE- ARN names its type; otherwise a PreHumanTaskLambdaArn (the requester's function) makes
 * the job {@code Custom}; without one, a built-in ACS- ARN names the type.
 */
final class BuiltInLambdaArns {

    static final String PRE = "PRE";
    static final String ACS = "ACS";
    /** The task type of a job whose pre-annotation Lambda is the requester's own. */
    static final String CUSTOM = "Custom";

    private static final Pattern ARN =
            Pattern.compile("arn:aws[a-z\\-]*:lambda:[a-z0-9\\-]+:[0-9]{12}:function:(PRE|ACS)-([A-Za-z0-9]+)");
    /** SageMaker's pattern for both Lambda ARN fields (any function, optionally with a version or alias). */
    static final Pattern ANY_FUNCTION = Pattern.compile("arn:aws[a-z\\-]*:lambda:[a-z0-9\\-]*:[0-9]{12}:function:.*");

    private BuiltInLambdaArns() {}

    /** The {@code <Type>} of a {@code PRE-}/{@code ACS-} ARN ({@code prefix} says which), or empty if it is not one. */
    static Optional<String> taskTypeOf(String arn, String prefix) {
        Matcher matcher = ARN.matcher(arn);
        return matcher.matches() && matcher.group(1).equals(prefix) ? Optional.of(matcher.group(2)) : Optional.empty();
    }

    /** True if the ARN is a built-in {@code PRE-}/{@code ACS-} one ({@code prefix} says which). */
    static boolean isBuiltIn(String arn, String prefix) {
        return arn != null && taskTypeOf(arn, prefix).isPresent();
    }

    /**
     * The task type named by the two ARNs (either may be null), by the rule above; empty if neither is given or only
     * a custom consolidation Lambda is.
     */
    static Optional<String> taskTypeName(String preHumanTaskLambdaArn, String annotationConsolidationLambdaArn) {
        if (preHumanTaskLambdaArn != null) {
            return Optional.of(taskTypeOf(preHumanTaskLambdaArn, PRE).orElse(CUSTOM));
        }
        return annotationConsolidationLambdaArn == null
                ? Optional.empty()
                : taskTypeOf(annotationConsolidationLambdaArn, ACS);
    }

    static String shape(String prefix) {
        return "arn:aws:lambda:<region>:<account>:function:" + prefix + "-<TaskType>";
    }
}
