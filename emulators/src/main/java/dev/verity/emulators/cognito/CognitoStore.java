package dev.verity.emulators.cognito;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.emulators.support.JsonStateFile;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * One user pool's users and groups in {@code <dir>/<pool id>.json}, a {@link JsonStateFile} (rewritten whole after
 * each change, readable by its owner only). Passwords are stored as {@link PasswordHash hashes}.
 */
final class CognitoStore {
    private final JsonStateFile file;

    record State(List<User> users, List<Group> groups) {}

    CognitoStore(Path directory, String poolId) {
        this.file = new JsonStateFile(directory, poolId + ".json", "the user pool");
    }

    State load() {
        return file.read(CognitoStore::state, new State(List.of(), List.of()));
    }

    private static State state(JsonNode root) {
        List<User> users = new ArrayList<>();
        for (JsonNode u : root.path("users")) {
            LinkedHashSet<String> groups = new LinkedHashSet<>();
            u.path("groups").forEach(g -> groups.add(g.asText()));
            users.add(new User(
                    u.get("username").asText(),
                    JsonStateFile.strings(u.get("attributes")),
                    u.get("enabled").asBoolean(),
                    u.get("status").asText(),
                    Instant.parse(u.get("created").asText()),
                    Instant.parse(u.get("modified").asText()),
                    u.get("passwordHash").asText(),
                    groups));
        }
        List<Group> groups = new ArrayList<>();
        for (JsonNode g : root.path("groups")) {
            groups.add(new Group(
                    g.get("name").asText(),
                    text(g.get("description")),
                    text(g.get("roleArn")),
                    g.hasNonNull("precedence") ? g.get("precedence").asInt() : null,
                    Instant.parse(g.get("created").asText()),
                    Instant.parse(g.get("modified").asText())));
        }
        return new State(users, groups);
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    void save(State state) {
        ObjectNode root = JsonStateFile.object();
        ArrayNode users = root.putArray("users");
        for (User user : state.users()) {
            ObjectNode u = users.addObject().put("username", user.username());
            u.set("attributes", JsonStateFile.tree(user.attributes()));
            u.put("enabled", user.enabled())
                    .put("status", user.status())
                    .put("created", user.created().toString())
                    .put("modified", user.modified().toString())
                    .put("passwordHash", user.passwordHash());
            ArrayNode groups = u.putArray("groups");
            user.groups().forEach(groups::add);
        }
        ArrayNode groups = root.putArray("groups");
        for (Group group : state.groups()) {
            groups.addObject()
                    .put("name", group.name())
                    .put("description", group.description())
                    .put("roleArn", group.roleArn())
                    .put("precedence", group.precedence())
                    .put("created", group.created().toString())
                    .put("modified", group.modified().toString());
        }
        file.write(root);
    }
}
