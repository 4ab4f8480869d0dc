package dev.verity.job;

import dev.verity.catalog.Catalog;
import dev.verity.job.CreateLabelingJobRequest.HumanTaskConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The requester's own Lambdas a request names (a custom task type's pre- and post-annotation functions). Verity
 * invokes them with its own role, so a requester may name only functions under the prefix the deployment set aside
 * for them, never one of Verity's own: otherwise any requester could make Verity call any function it may call.
 */
final class CustomLambdaArns {

    static final String PRE_FIELD = "HumanTaskConfig.PreHumanTaskLambdaArn";
    static final String ACS_FIELD = "HumanTaskConfig.AnnotationConsolidationConfig.AnnotationConsolidationLambdaArn";

    private CustomLambdaArns() {}

    /** The violations of the request's own (not built-in) Lambda ARNs: names outside {@code prefix} or Verity's. */
    static List<Violation> check(CreateLabelingJobRequest request, String prefix) {
        HumanTaskConfig task = request.humanTaskConfig();
        List<Violation> violations = new ArrayList<>();
        check(task.preHumanTaskLambdaArn(), BuiltInLambdaArns.PRE, PRE_FIELD, prefix, violations);
        if (task.annotationConsolidationConfig() != null) {
            check(
                    task.annotationConsolidationConfig().annotationConsolidationLambdaArn(),
                    BuiltInLambdaArns.ACS,
                    ACS_FIELD,
                    prefix,
                    violations);
        }
        return violations;
    }

    private static void check(String arn, String builtIn, String field, String prefix, List<Violation> violations) {
        if (arn == null || BuiltInLambdaArns.isBuiltIn(arn, builtIn)) {
            return; // Ground Truth's own PRE-/ACS- functions: Verity runs those types itself and calls nothing
        }
        String name = functionName(arn);
        if (Catalog.isOwnFunctionName(name)) {
            violations.add(new Violation(
                    field,
                    "names Verity's own function \"" + name + "\"; a custom task type's "
                            + "Lambda must be your own, named with the prefix \"" + prefix + "\""));
        } else if (!name.startsWith(prefix)) {
            violations.add(new Violation(
                    field,
                    "must name a function whose name starts with \"" + prefix
                            + "\" (Verity invokes only Lambdas named with the prefix set for custom task types when it "
                            + "was deployed); \"" + name + "\" does not"));
        }
    }

    /** The function name of a function ARN, without a version or alias. */
    static String functionName(String arn) {
        return arn.substring(arn.indexOf(":function:") + ":function:".length()).split(":")[0];
    }
}
