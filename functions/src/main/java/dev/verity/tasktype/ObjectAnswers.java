package dev.verity.tasktype;

import java.util.List;

/** Every answer collected so far for one data object. */
public record ObjectAnswers(String objectId, List<WorkerAnswer> answers) {

    public ObjectAnswers {
        answers = List.copyOf(answers);
    }
}
