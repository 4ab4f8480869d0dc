package dev.verity.tasktype;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Every answer collected so far for one data object, and its known true label if it is a gold question (the value
 * of the job's gold attribute in the manifest line), else null.
 */
public record ObjectAnswers(String objectId, List<WorkerAnswer> answers, JsonNode gold) {

    public ObjectAnswers {
        answers = List.copyOf(answers);
    }

    public ObjectAnswers(String objectId, List<WorkerAnswer> answers) {
        this(objectId, answers, null);
    }
}
