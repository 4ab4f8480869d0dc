package dev.verity.emulators.sns;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.emulators.support.OwnerOnlyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The SNS emulator's topics and subscriptions in one file, {@code <dir>/state.json}, rewritten whole after each
 * change (to a temporary file, then renamed over the old one, so it is always whole). Only its owner may read it:
 * subscriptions name people's addresses.
 */
final class SnsStore {
    static final String FILE = "state.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {};

    private final Path file;

    record State(List<Topic> topics, List<Subscription> subscriptions) {}

    SnsStore(Path directory) {
        this.file = directory.resolve(FILE);
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
    }

    State load() {
        if (!Files.exists(file)) {
            return new State(List.of(), List.of());
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            List<Topic> topics = new ArrayList<>();
            for (JsonNode t : root.path("topics")) {
                topics.add(new Topic(
                        t.get("name").asText(),
                        t.get("arn").asText(),
                        JSON.convertValue(t.path("attributes"), STRINGS),
                        JSON.convertValue(t.path("tags"), STRINGS)));
            }
            List<Subscription> subscriptions = new ArrayList<>();
            for (JsonNode s : root.path("subscriptions")) {
                subscriptions.add(new Subscription(
                        s.get("arn").asText(),
                        s.get("topicArn").asText(),
                        s.get("protocol").asText(),
                        s.get("endpoint").asText(),
                        JSON.convertValue(s.path("attributes"), STRINGS)));
            }
            return new State(topics, subscriptions);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read the SNS state in " + file + ": " + e.getMessage(), e);
        }
    }

    void save(State state) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode topics = root.putArray("topics");
        for (Topic topic : state.topics()) {
            ObjectNode t = topics.addObject().put("name", topic.name()).put("arn", topic.arn());
            t.set("attributes", JSON.valueToTree(topic.attributes()));
            t.set("tags", JSON.valueToTree(topic.tags()));
        }
        ArrayNode subscriptions = root.putArray("subscriptions");
        for (Subscription subscription : state.subscriptions()) {
            ObjectNode s = subscriptions
                    .addObject()
                    .put("arn", subscription.arn())
                    .put("topicArn", subscription.topicArn())
                    .put("protocol", subscription.protocol())
                    .put("endpoint", subscription.endpoint());
            s.set("attributes", JSON.valueToTree(subscription.attributes()));
        }
        try {
            OwnerOnlyFiles.write(file, root.toPrettyString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the SNS state to " + file, e);
        }
    }
}
