package dev.verity.emulators.cognito;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.emulators.support.LoopbackHttpServer.Request;
import dev.verity.emulators.support.LoopbackHttpServer.Response;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cognito Identity Provider's JSON 1.1 protocol ({@code POST /}, {@code X-Amz-Target:
 * AWSCognitoIdentityProviderService.<Operation>}) over {@link UserPool}s: HTTP 200 with a JSON body, or 400 with
 * {@code {"__type": "UserNotFoundException", "message": ...}}. Dates are epoch seconds as JSON numbers, as the SDK
 * reads them.
 */
final class CognitoApi {
    static final String TARGET_PREFIX = "AWSCognitoIdentityProviderService.";
    static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(CognitoApi.class);

    private final Function<String, UserPool> pools;
    private final Map<String, BiFunction<UserPool, JsonNode, ObjectNode>> operations = new LinkedHashMap<>();

    /** {@code pools} gives the pool of an id, or null. */
    CognitoApi(Function<String, UserPool> pools) {
        this.pools = pools;
        operations.put("AdminCreateUser", this::adminCreateUser);
        operations.put("AdminGetUser", this::adminGetUser);
        operations.put("AdminDeleteUser", this::adminDeleteUser);
        operations.put("AdminDisableUser", (pool, in) -> setEnabled(pool, in, false));
        operations.put("AdminEnableUser", (pool, in) -> setEnabled(pool, in, true));
        operations.put("AdminAddUserToGroup", this::adminAddUserToGroup);
        operations.put("AdminRemoveUserFromGroup", this::adminRemoveUserFromGroup);
        operations.put("AdminListGroupsForUser", this::adminListGroupsForUser);
        operations.put("CreateGroup", this::createGroup);
        operations.put("GetGroup", this::getGroup);
        operations.put("DeleteGroup", this::deleteGroup);
        operations.put("ListGroups", this::listGroups);
        operations.put("ListUsersInGroup", this::listUsersInGroup);
        operations.put("ListUsers", this::listUsers);
    }

    Response handle(Request request) {
        String requestId = UUID.randomUUID().toString();
        try {
            if (!request.method().equals("POST")) {
                throw new CognitoException("UnknownOperationException", "POST / with X-Amz-Target");
            }
            String target = request.header("X-Amz-Target");
            BiFunction<UserPool, JsonNode, ObjectNode> operation = target == null || !target.startsWith(TARGET_PREFIX)
                    ? null
                    : operations.get(target.substring(TARGET_PREFIX.length()));
            if (operation == null) {
                throw new CognitoException(
                        "UnknownOperationException",
                        "Operation not supported by Verity's local Cognito emulator: " + target);
            }
            JsonNode in;
            try {
                in = request.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(request.body());
            } catch (IOException e) {
                throw new CognitoException("SerializationException", "Request body is not JSON: " + e.getMessage());
            }
            if (in == null || !in.isObject()) {
                throw new CognitoException("SerializationException", "Request body must be a JSON object");
            }
            ObjectNode out = operation.apply(pool(in), in);
            return new Response(200, CONTENT_TYPE, JSON.writeValueAsBytes(out), Map.of("x-amzn-RequestId", requestId));
        } catch (CognitoException e) {
            return error(e.type(), e.getMessage(), requestId);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cognito request failed", e);
            return error("InternalErrorException", String.valueOf(e), requestId, 500);
        }
    }

    private static Response error(String type, String message, String requestId) {
        return error(type, message, requestId, 400);
    }

    private static Response error(String type, String message, String requestId, int status) {
        byte[] body = JSON.createObjectNode()
                .put("__type", type)
                .put("message", message)
                .toString()
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return new Response(
                status, CONTENT_TYPE, body, Map.of("x-amzn-RequestId", requestId, "x-amzn-ErrorType", type));
    }

    private UserPool pool(JsonNode in) {
        String id = text(in, "UserPoolId");
        if (id == null) {
            throw CognitoException.invalidParameter("1 validation error detected: Value null at 'userPoolId' failed"
                    + " to satisfy constraint: Member must not be null");
        }
        UserPool pool = pools.apply(id);
        if (pool == null) {
            throw new CognitoException("ResourceNotFoundException", "User pool " + id + " does not exist.");
        }
        return pool;
    }

    // ---- operations ----

    private ObjectNode adminCreateUser(UserPool pool, JsonNode in) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (JsonNode a : in.path("UserAttributes")) {
            String name = text(a, "Name");
            if (name == null) {
                throw CognitoException.invalidParameter("An attribute has no Name");
            }
            attributes.put(name, text(a, "Value"));
        }
        List<String> mediums = new ArrayList<>();
        in.path("DesiredDeliveryMediums").forEach(m -> mediums.add(m.asText()));
        User user = pool.adminCreateUser(new UserPool.CreateUser(
                text(in, "Username"), attributes, text(in, "TemporaryPassword"), text(in, "MessageAction"), mediums));
        ObjectNode out = JSON.createObjectNode();
        userType(out.putObject("User"), user, null);
        return out;
    }

    private ObjectNode adminGetUser(UserPool pool, JsonNode in) {
        User user = pool.user(text(in, "Username"));
        ObjectNode out = JSON.createObjectNode().put("Username", user.username());
        attributes(out.putArray("UserAttributes"), user, null);
        date(out, "UserCreateDate", user.created());
        date(out, "UserLastModifiedDate", user.modified());
        out.put("Enabled", user.enabled()).put("UserStatus", user.status());
        return out;
    }

    private ObjectNode adminDeleteUser(UserPool pool, JsonNode in) {
        pool.deleteUser(text(in, "Username"));
        return JSON.createObjectNode();
    }

    private ObjectNode setEnabled(UserPool pool, JsonNode in, boolean enabled) {
        pool.setEnabled(text(in, "Username"), enabled);
        return JSON.createObjectNode();
    }

    private ObjectNode adminAddUserToGroup(UserPool pool, JsonNode in) {
        pool.addUserToGroup(text(in, "Username"), text(in, "GroupName"));
        return JSON.createObjectNode();
    }

    private ObjectNode adminRemoveUserFromGroup(UserPool pool, JsonNode in) {
        pool.removeUserFromGroup(text(in, "Username"), text(in, "GroupName"));
        return JSON.createObjectNode();
    }

    private ObjectNode adminListGroupsForUser(UserPool pool, JsonNode in) {
        return groups(pool, pool.groupsForUser(text(in, "Username"), limit(in), text(in, "NextToken")));
    }

    private ObjectNode createGroup(UserPool pool, JsonNode in) {
        Group group = pool.createGroup(
                text(in, "GroupName"),
                text(in, "Description"),
                text(in, "RoleArn"),
                in.hasNonNull("Precedence") ? in.get("Precedence").asInt() : null);
        ObjectNode out = JSON.createObjectNode();
        groupType(out.putObject("Group"), pool, group);
        return out;
    }

    private ObjectNode getGroup(UserPool pool, JsonNode in) {
        ObjectNode out = JSON.createObjectNode();
        groupType(out.putObject("Group"), pool, pool.group(text(in, "GroupName")));
        return out;
    }

    private ObjectNode deleteGroup(UserPool pool, JsonNode in) {
        pool.deleteGroup(text(in, "GroupName"));
        return JSON.createObjectNode();
    }

    private ObjectNode listGroups(UserPool pool, JsonNode in) {
        return groups(pool, pool.listGroups(limit(in), text(in, "NextToken")));
    }

    private ObjectNode listUsersInGroup(UserPool pool, JsonNode in) {
        UserPool.Page<User> page = pool.usersInGroup(text(in, "GroupName"), limit(in), text(in, "NextToken"));
        ObjectNode out = JSON.createObjectNode();
        ArrayNode users = out.putArray("Users");
        page.items().forEach(u -> userType(users.addObject(), u, null));
        if (page.nextToken() != null) {
            out.put("NextToken", page.nextToken());
        }
        return out;
    }

    private ObjectNode listUsers(UserPool pool, JsonNode in) {
        Set<String> only = null;
        if (in.has("AttributesToGet") && !in.get("AttributesToGet").isNull()) {
            only = new LinkedHashSet<>();
            for (JsonNode name : in.get("AttributesToGet")) {
                only.add(name.asText());
            }
        }
        UserPool.Page<User> page =
                pool.listUsers(UserFilter.parse(text(in, "Filter")), limit(in), text(in, "PaginationToken"));
        ObjectNode out = JSON.createObjectNode();
        ArrayNode users = out.putArray("Users");
        for (User user : page.items()) {
            userType(users.addObject(), user, only);
        }
        if (page.nextToken() != null) {
            out.put("PaginationToken", page.nextToken());
        }
        return out;
    }

    // ---- shapes ----

    private static ObjectNode groups(UserPool pool, UserPool.Page<Group> page) {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode groups = out.putArray("Groups");
        page.items().forEach(g -> groupType(groups.addObject(), pool, g));
        if (page.nextToken() != null) {
            out.put("NextToken", page.nextToken());
        }
        return out;
    }

    /** Cognito's UserType; {@code only} limits the attributes (ListUsers' AttributesToGet), null for all. */
    private static void userType(ObjectNode node, User user, Set<String> only) {
        node.put("Username", user.username());
        attributes(node.putArray("Attributes"), user, only);
        date(node, "UserCreateDate", user.created());
        date(node, "UserLastModifiedDate", user.modified());
        node.put("Enabled", user.enabled()).put("UserStatus", user.status());
    }

    private static void attributes(ArrayNode array, User user, Set<String> only) {
        user.attributes().forEach((name, value) -> {
            if (only == null || only.contains(name)) {
                array.addObject().put("Name", name).put("Value", value);
            }
        });
    }

    private static void groupType(ObjectNode node, UserPool pool, Group group) {
        node.put("GroupName", group.name()).put("UserPoolId", pool.id());
        if (group.description() != null) {
            node.put("Description", group.description());
        }
        if (group.roleArn() != null) {
            node.put("RoleArn", group.roleArn());
        }
        if (group.precedence() != null) {
            node.put("Precedence", group.precedence());
        }
        date(node, "LastModifiedDate", group.modified());
        date(node, "CreationDate", group.created());
    }

    /** Epoch seconds with the milliseconds as a fraction, as Cognito answers. */
    private static void date(ObjectNode node, String name, Instant instant) {
        node.put(name, BigDecimal.valueOf(instant.toEpochMilli()).movePointLeft(3));
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Integer limit(JsonNode in) {
        JsonNode limit = in.get("Limit");
        return limit == null || limit.isNull() ? null : limit.asInt();
    }
}
