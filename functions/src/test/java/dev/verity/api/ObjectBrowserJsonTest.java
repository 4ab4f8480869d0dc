package dev.verity.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.json.Json;
import dev.verity.labeling.AnswerHistory;
import dev.verity.labeling.ObjectPage;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObjectBrowserJsonTest {

    @Test
    void anObjectWritesOnlyTheFieldsItHasInTheConsolesOrder() {
        var item = new ObjectPage.Item(3, "2", "a text", null, null, Json.parse("\"cat\""), null, null, 0.75, true);

        var page =
                ObjectBrowserJson.page(new ObjectPage("animal", "TextClassification", null, true, List.of(item), null));

        assertThat(Json.write(page))
                .isEqualTo("{\"labelAttributeName\":\"animal\",\"taskType\":\"TextClassification\","
                        + "\"outputAvailable\":true,\"objects\":[{\"line\":3,\"datasetObjectId\":\"2\","
                        + "\"source\":\"a text\",\"label\":\"cat\",\"confidence\":0.75,\"humanAnnotated\":true}]}");
    }

    @Test
    void aPageBeforeTheOutputHasTheJobsLabelsNoObjectsAndNoToken() {
        var page = ObjectBrowserJson.page(
                new ObjectPage("animal", "ImageClassification", List.of("cat", "dog"), false, List.of(), null));

        assertThat(page.get("labels")).hasSize(2);
        assertThat(page.get("outputAvailable").asBoolean()).isFalse();
        assertThat(page.get("objects")).isEmpty();
        assertThat(page.has("nextToken")).isFalse();
    }

    @Test
    void answersGiveTheirSubmissionTimeInIso8601() {
        var history = new AnswerHistory(
                "cats",
                "0",
                List.of(new AnswerHistory.Entry(
                        "w1", Instant.parse("2026-01-02T03:04:05Z"), Json.parse("{\"label\":\"cat\"}"))));

        var json = ObjectBrowserJson.answers(history);

        assertThat(json.get("labelingJobName").asText()).isEqualTo("cats");
        assertThat(json.at("/answers/0/submittedAt").asText()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(json.at("/answers/0/answer/label").asText()).isEqualTo("cat");
    }
}
