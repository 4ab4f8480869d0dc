package dev.verity.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.tasktype.TaskTypes;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * What {@code verity demo} needs to know about one task type: how to generate data whose truth is known, how a
 * simulated worker of given accuracy answers a task, and how to read and score a label — a worker's answer or a line
 * of the output manifest — against the truth. The flow itself (upload, start, label, wait, read the output) is
 * {@link Demo}'s and the same for every type.
 *
 * @param <T> the truth of one object in a form both answers and output labels can be read into, e.g. a class name,
 *            a set of labels, a list of boxes or spans
 */
interface DemoTask<T> {

    /** The name {@code --task-type} takes, e.g. {@code bounding-box}. */
    String name();

    /** Ground Truth's task type name, as in the {@code PRE-<name>} and {@code ACS-<name>} Lambda ARNs. */
    String taskType();

    /** The job's label attribute name. */
    String labelAttribute();

    String title();

    String description();

    /** What is generated, for the progress line, e.g. "images of 1–3 shapes with their boxes". */
    String dataDescription();

    /** The label category configuration file. */
    ObjectNode categories();

    /** {@code count} objects and their truth, reproducible from {@code random}. */
    List<DemoObject<T>> generate(int count, SplittableRandom random);

    /**
     * A simulated worker's answer (the crowd element's submission) to {@code task}, as the worker API hands it out:
     * right with probability {@code accuracy}, else wrong in a way typical of the type.
     */
    JsonNode answer(JsonNode task, T truth, double accuracy, SplittableRandom random);

    /** A worker's answer read as the truth is, to score single workers. */
    T fromAnswer(JsonNode answerContent);

    /** The consolidated label of an output manifest line, read as the truth is. */
    T fromOutput(JsonNode line);

    /** A fresh, empty measure of how close labels are to the truth. */
    DemoQuality<T> quality();

    /** For chained types, the label the input line already carries (the starting point), read as the truth is. */
    default Optional<T> earlier(JsonNode inputLine) {
        return Optional.empty();
    }

    /** The {@code type} Ground Truth writes in the label's metadata. */
    default String outputType() {
        return TaskTypes.of(taskType()).outputType();
    }

    /** The job's PreHumanTaskLambdaArn: Ground Truth's built-in one for the type, or a custom type's own. */
    default String preAnnotationLambda() {
        return BUILT_IN_LAMBDAS + "PRE-" + taskType();
    }

    /** The job's AnnotationConsolidationLambdaArn: built-in for the type, or a custom type's own. */
    default String consolidationLambda() {
        return BUILT_IN_LAMBDAS + "ACS-" + taskType();
    }

    /** Where Ground Truth's built-in Lambdas live (us-east-1). */
    String BUILT_IN_LAMBDAS = "arn:aws:lambda:us-east-1:432418664414:function:";

    /** Where the UI template is (uploaded when {@link #uiTemplateHtml()} has one; built-in types need none). */
    default String uiTemplate() {
        return "templates/" + name() + ".html";
    }

    /** The worker template a custom type's portal renders, or null for built-in types (the portal has their tools). */
    default String uiTemplateHtml() {
        return null;
    }

    /**
     * One generated object: an image (PNG bytes, referenced by {@code source-ref}) or inline text ({@code source}),
     * the extra manifest fields it carries (an earlier label for chained jobs) and its truth.
     */
    record DemoObject<T>(String name, byte[] png, String text, ObjectNode extraFields, T truth) {

        static <T> DemoObject<T> image(String name, byte[] png, T truth) {
            return new DemoObject<>(name, png, null, null, truth);
        }

        static <T> DemoObject<T> text(String text, T truth) {
            return new DemoObject<>(null, null, text, null, truth);
        }

        DemoObject<T> withExtraFields(ObjectNode fields) {
            return new DemoObject<>(name, png, text, fields, truth);
        }
    }
}
