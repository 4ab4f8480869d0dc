package dev.verity.notify;

/**
 * A streaming job's output topic ({@code OutputConfig.SnsTopicArn}): one message per labeled object, its output
 * manifest line, so that another job or the requester's code can take it up at once.
 */
public interface LabelTopic {

    void publish(String topicArn, String line);
}
