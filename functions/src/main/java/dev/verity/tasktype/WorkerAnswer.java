package dev.verity.tasktype;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/** One worker's answer for one data object; {@code answerContent} is the crowd form's submission as it arrived. */
public record WorkerAnswer(String workerId, JsonNode answerContent) {

    public WorkerAnswer {
        Objects.requireNonNull(workerId, "workerId");
    }
}
