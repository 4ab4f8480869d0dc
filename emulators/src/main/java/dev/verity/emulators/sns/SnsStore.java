package dev.verity.emulators.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.emulators.support.JsonStateFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The SNS emulator's topics and subscriptions in one file, {@code <dir>/state.json}, a {@link JsonStateFile}
 * (rewritten whole after each change). Only its owner may read it: subscriptions name people's addresses.
 */
final class SnsStore {
    static final String FILE = "state.json";

    private final JsonStateFile file;

    record State(List<Topic> topics, List<Subscription> subscriptions) {}

    SnsStore(Path directory) {
        this.file = new JsonStateFile(directory, FILE, "the SNS state");
    }

    State load() {
        return file.read(SnsStore::state, new State(List.of(), List.of()));
    }

    private static State state(JsonNode root) {
        List<Topic> topics = new ArrayList<>();
        for (JsonNode t : root.path("topics")) {
            topics.add(new Topic(
                    t.get("name").asText(),
                    t.get("arn").asText(),
                    JsonStateFile.strings(t.path("attributes")),
                    JsonStateFile.strings(t.path("tags"))));
        }
        List<Subscription> subscriptions = new ArrayList<>();
        for (JsonNode s : root.path("subscriptions")) {
            subscriptions.add(new Subscription(
                    s.get("arn").asText(),
                    s.get("topicArn").asText(),
                    s.get("protocol").asText(),
                    s.get("endpoint").asText(),
                    JsonStateFile.strings(s.path("attributes"))));
        }
        return new State(topics, subscriptions);
    }

    void save(State state) {
        ObjectNode root = JsonStateFile.object();
        ArrayNode topics = root.putArray("topics");
        for (Topic topic : state.topics()) {
            ObjectNode t = topics.addObject().put("name", topic.name()).put("arn", topic.arn());
            t.set("attributes", JsonStateFile.tree(topic.attributes()));
            t.set("tags", JsonStateFile.tree(topic.tags()));
        }
        ArrayNode subscriptions = root.putArray("subscriptions");
        for (Subscription subscription : state.subscriptions()) {
            ObjectNode s = subscriptions
                    .addObject()
                    .put("arn", subscription.arn())
                    .put("topicArn", subscription.topicArn())
                    .put("protocol", subscription.protocol())
                    .put("endpoint", subscription.endpoint());
            s.set("attributes", JsonStateFile.tree(subscription.attributes()));
        }
        file.write(root);
    }
}
