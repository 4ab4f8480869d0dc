package dev.verity.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.catalog.Catalog;
import dev.verity.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A custom task type: review sentiment with the local runtime's sample Lambdas — the pre-annotation one passes each
 * line through as the task input, the post-annotation one keeps each object's most common answer. Workers submit
 * their own form's output, {@code {"sentiment": {"label": ...}}}; quality is accuracy.
 */
final class CustomDemo implements DemoTask<String> {

    /** The samples under the default custom-Lambda prefix (the demo's runtime uses the default). */
    private static final String FUNCTIONS =
            "arn:aws:lambda:us-east-1:" + RuntimeInfo.ACCOUNT_ID + ":function:" + Catalog.DEFAULT_CUSTOM_LAMBDA_PREFIX;

    private static final String FORM_FIELD = "sentiment";

    @Override
    public String name() {
        return "custom";
    }

    @Override
    public String taskType() {
        return "Custom";
    }

    @Override
    public String preAnnotationLambda() {
        return FUNCTIONS + VerityRuntime.SAMPLE_PRE_ANNOTATION;
    }

    @Override
    public String consolidationLambda() {
        return FUNCTIONS + VerityRuntime.SAMPLE_POST_ANNOTATION;
    }

    @Override
    public String labelAttribute() {
        return "review";
    }

    @Override
    public String title() {
        return "How does the guest feel?";
    }

    @Override
    public String description() {
        return "Read the review and pick its sentiment in the form";
    }

    @Override
    public String dataDescription() {
        return "hotel reviews labeled through your own pre- and post-annotation Lambdas";
    }

    @Override
    public String uiTemplateHtml() {
        try (InputStream in = CustomDemo.class.getResourceAsStream("custom-demo-template.liquid.html")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public ObjectNode categories() {
        ObjectNode categories = Json.object().put("document-version", "2018-11-28");
        DemoTexts.SENTIMENTS.forEach(
                l -> categories.withArray("labels").addObject().put("label", l));
        return categories;
    }

    @Override
    public List<DemoObject<String>> generate(int count, SplittableRandom random) {
        List<DemoObject<String>> objects = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            objects.add(DemoTexts.review(random));
        }
        return objects;
    }

    @Override
    public JsonNode answer(JsonNode task, String truth, double accuracy, SplittableRandom random) {
        String label = truth;
        if (random.nextDouble() >= accuracy) {
            List<String> wrong =
                    DemoTexts.SENTIMENTS.stream().filter(l -> !l.equals(truth)).toList();
            label = wrong.get(random.nextInt(wrong.size()));
        }
        ObjectNode answer = Json.object();
        answer.putObject(FORM_FIELD).put("label", label);
        return answer;
    }

    @Override
    public String fromAnswer(JsonNode answerContent) {
        return answerContent.path(FORM_FIELD).path("label").asText();
    }

    @Override
    public String fromOutput(JsonNode line) {
        return line.path(labelAttribute())
                .path("answer")
                .path(FORM_FIELD)
                .path("label")
                .asText(null);
    }

    @Override
    public DemoQuality<String> quality() {
        return new DemoQuality.Accuracy<>();
    }
}
