package dev.verity.tasktype;

/** A worker's answer does not fit the task type or the job's categories; the message says why. */
public class InvalidAnswerException extends IllegalArgumentException {

    public InvalidAnswerException(String message) {
        super(message);
    }
}
