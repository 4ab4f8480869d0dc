package dev.verity.export;

import static dev.verity.export.ExportFixtures.job;
import static dev.verity.export.ExportFixtures.manifest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EntityExportTest {

    private static String nerLine(String text, String entities) {
        return ("{\"source\":%s,\"lab\":{\"annotations\":{\"labels\":[{\"label\":\"Person\"},{\"label\":\"Home town\"}],"
                        + "\"entities\":[%s]}},\"lab-metadata\":{\"type\":\"groundtruth/text-span\","
                        + "\"human-annotated\":\"yes\",\"entities\":[{\"confidence\":0}],%s}}")
                .formatted(Json.write(text), entities, ExportFixtures.META);
    }

    private static final String[] LINES = {
        nerLine(
                "Ada Lovelace was born in London, England.",
                "{\"label\":\"Person\",\"startOffset\":0,\"endOffset\":12},"
                        + "{\"label\":\"Home town\",\"startOffset\":25,\"endOffset\":31}"),
        "{\"source\":\"not labeled\"}",
        // an emoji is two Java chars but one code point: Ground Truth's offsets count code points
        nerLine("\uD83D\uDE00 Zoë met Bob", "{\"label\":\"Person\",\"startOffset\":10,\"endOffset\":13}")
    };

    private static final ExportJob JOB = job("groundtruth/text-span", "NamedEntityRecognition", "Person", "Home town");

    @Test
    void conllHasATokenPerLineWithIob2TagsAndABlankLineBetweenObjects() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportCounts counts = new ConllWriter(JOB).write(manifest(LINES), out);

        assertThat(counts).isEqualTo(new ExportCounts(2, 1));
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("""
                        -DOCSTART- -X- -X- O

                        Ada -X- _ B-Person
                        Lovelace -X- _ I-Person
                        was -X- _ O
                        born -X- _ O
                        in -X- _ O
                        London -X- _ B-Home_town
                        , -X- _ O
                        England -X- _ O
                        . -X- _ O

                        \uD83D\uDE00 -X- _ O
                        Zoë -X- _ O
                        met -X- _ O
                        Bob -X- _ B-Person

                        """);
    }

    @Test
    void conllStartsEachOfTwoAdjacentEntitiesWithItsOwnBTag() {
        EntityLabel label = EntityLabel.read(
                Json.parse("{\"annotations\":{\"entities\":[{\"label\":\"Person\",\"startOffset\":0,\"endOffset\":3},"
                        + "{\"label\":\"Person\",\"startOffset\":4,\"endOffset\":7}]}}"),
                "Ann Bob");
        assertThat(ConllWriter.sentence("Ann Bob", label)).isEqualTo("Ann -X- _ B-Person\nBob -X- _ B-Person\n\n");
    }

    @Test
    void spacyJsonLinesKeepGroundTruthsCodePointOffsetsAndTheLabelNames() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportCounts counts = new SpacyWriter(JOB).write(manifest(LINES), out);

        assertThat(counts).isEqualTo(new ExportCounts(2, 1));
        String[] rows = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(rows).hasSize(2);
        JsonNode first = Json.parse(rows[0]);
        assertThat(first.path("text").asText()).isEqualTo("Ada Lovelace was born in London, England.");
        assertThat(first.path("entities").toString()).isEqualTo("[[0,12,\"Person\"],[25,31,\"Home town\"]]");
        assertThat(first.path("meta").path("line").asInt()).isEqualTo(1);
        assertThat(first.path("meta").path("annotated_by").asText()).isEqualTo("human");
        JsonNode second = Json.parse(rows[1]);
        assertThat(second.path("entities").toString()).isEqualTo("[[10,13,\"Person\"]]");
        String text = second.path("text").asText();
        // the span, counted in code points as Python (and spaCy) index strings, is the name
        int start = text.offsetByCodePoints(0, 10);
        int end = text.offsetByCodePoints(0, 13);
        assertThat(text.substring(start, end)).isEqualTo("Bob");
    }
}
