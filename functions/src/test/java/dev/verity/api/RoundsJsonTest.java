package dev.verity.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.json.Json;
import dev.verity.labeling.RoundsReport;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoundsJsonTest {

    @Test
    void eachRoundIsItsRoundFileAsWritten() {
        var round = Json.parse("{\"iteration\":1,\"humanBatch\":10,\"threshold\":0.93,\"validationAccuracy\":null,"
                + "\"done\":false}");

        assertThat(Json.write(RoundsJson.report(new RoundsReport("cats", true, List.of(round)))))
                .isEqualTo("{\"LabelingJobName\":\"cats\",\"autoLabeling\":true,\"rounds\":[{\"iteration\":1,"
                        + "\"humanBatch\":10,\"threshold\":0.93,\"validationAccuracy\":null,\"done\":false}]}");
    }

    @Test
    void aHumanOnlyJobHasNoRounds() {
        assertThat(Json.write(RoundsJson.report(new RoundsReport("cats", false, List.of()))))
                .isEqualTo("{\"LabelingJobName\":\"cats\",\"autoLabeling\":false,\"rounds\":[]}");
    }
}
