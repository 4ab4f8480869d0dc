package dev.verity.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Named entity recognition, {@code NamedEntityRecognition}: people, cities and dates in template sentences
 * ({@link DemoTexts}). A worker marks each entity exactly with probability {@code accuracy}; otherwise it drops it,
 * gives it another label or moves one boundary a character inwards (the spans stay inside the true ones, so a
 * worker's spans never overlap). Quality is the F1 of exact spans.
 */
final class EntityDemo implements DemoTask<List<DemoSpan>> {

    private static final String ELEMENT = "crowd-entity-annotation";

    @Override
    public String name() {
        return "named-entity-recognition";
    }

    @Override
    public String taskType() {
        return "NamedEntityRecognition";
    }

    @Override
    public String labelAttribute() {
        return "entities";
    }

    @Override
    public String title() {
        return "Mark the people, cities and dates";
    }

    @Override
    public String description() {
        return "Highlight every person, city and date in the sentence";
    }

    @Override
    public String dataDescription() {
        return "sentences naming people, cities and dates";
    }

    /** Ground Truth requires NER jobs to carry worker instructions in the category configuration. */
    @Override
    public ObjectNode categories() {
        ObjectNode categories = Json.object().put("document-version", "2018-11-28");
        for (String label : DemoTexts.ENTITY_LABELS) {
            categories
                    .withArray("labels")
                    .addObject()
                    .put("label", label)
                    .put("shortDisplayName", label.substring(0, 3).toLowerCase(java.util.Locale.ROOT));
        }
        categories
                .putObject("instructions")
                .put("shortInstruction", "Mark people, cities and dates")
                .put("fullInstruction", "<p>Highlight each person's full name, each city and each date.</p>");
        return categories;
    }

    @Override
    public List<DemoObject<List<DemoSpan>>> generate(int count, SplittableRandom random) {
        List<DemoObject<List<DemoSpan>>> objects = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            DemoTexts.Annotated sentence = DemoTexts.entities(random);
            objects.add(DemoObject.text(sentence.text(), sentence.entities()));
        }
        return objects;
    }

    @Override
    public JsonNode answer(JsonNode task, List<DemoSpan> truth, double accuracy, SplittableRandom random) {
        ObjectNode answer = Json.object();
        ArrayNode entities = answer.putObject(ELEMENT).putArray("entities");
        for (DemoSpan span : truth) {
            DemoSpan marked = span;
            if (random.nextDouble() >= accuracy) {
                int mistake = random.nextInt(3);
                if (mistake == 0) {
                    continue; // missed
                }
                if (mistake == 1) {
                    List<String> others = DemoTexts.ENTITY_LABELS.stream()
                            .filter(l -> !l.equals(span.label()))
                            .toList();
                    marked = new DemoSpan(others.get(random.nextInt(others.size())), span.start(), span.end());
                } else if (span.end() - span.start() > 2) {
                    marked = random.nextBoolean()
                            ? new DemoSpan(span.label(), span.start() + 1, span.end())
                            : new DemoSpan(span.label(), span.start(), span.end() - 1);
                }
            }
            entities.addObject()
                    .put("label", marked.label())
                    .put("startOffset", marked.start())
                    .put("endOffset", marked.end());
        }
        return answer;
    }

    @Override
    public List<DemoSpan> fromAnswer(JsonNode answerContent) {
        return spans(answerContent.path(ELEMENT).path("entities"));
    }

    @Override
    public List<DemoSpan> fromOutput(JsonNode line) {
        return spans(line.path(labelAttribute()).path("annotations").path("entities"));
    }

    @Override
    public DemoQuality<List<DemoSpan>> quality() {
        return new DemoQuality.SpanF1();
    }

    private static List<DemoSpan> spans(JsonNode entities) {
        List<DemoSpan> spans = new ArrayList<>();
        for (JsonNode entity : entities) {
            spans.add(new DemoSpan(
                    entity.path("label").asText(),
                    entity.path("startOffset").asInt(),
                    entity.path("endOffset").asInt()));
        }
        return spans;
    }
}
