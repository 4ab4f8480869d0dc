package dev.verity.notify;

import java.util.function.Supplier;
import software.amazon.awssdk.services.sns.SnsClient;

/** {@link LabelTopic} on Amazon SNS. */
public final class SnsLabelTopic implements LabelTopic {

    private final Supplier<SnsClient> sns;

    public SnsLabelTopic(Supplier<SnsClient> sns) {
        this.sns = sns;
    }

    @Override
    public void publish(String topicArn, String line) {
        sns.get().publish(b -> b.topicArn(topicArn).message(line));
    }
}
