package dev.verity.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.json.Json;
import dev.verity.workforce.MemberDefinition;
import dev.verity.workforce.Workteam;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * {@link TeamStore} on the jobs' DynamoDB table: every team is an item of the one partition {@code TEAMS}, sort key
 * {@code TEAM#<lower-case name>}, so a team is one GetItem and the list one Query (an account has a few dozen teams).
 */
public final class DynamoTeamStore implements TeamStore {

    private static final String PK = "TEAMS";
    private static final int MAX_NAME_LENGTH = 63;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoTeamStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    private static Map<String, AttributeValue> key(String name) {
        return Map.of(
                "pk", AttributeValue.fromS(PK), "sk", AttributeValue.fromS("TEAM#" + name.toLowerCase(Locale.ROOT)));
    }

    @Override
    public boolean create(Workteam team) {
        try {
            dynamo.putItem(b -> b.tableName(table).item(item(team)).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Optional<Workteam> get(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            return Optional.empty(); // names no team, and might pass DynamoDB's key limit
        }
        Map<String, AttributeValue> item = dynamo.getItem(
                        b -> b.tableName(table).key(key(name)).consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toTeam(item));
    }

    @Override
    public List<Workteam> list() {
        QueryRequest query = QueryRequest.builder()
                .tableName(table)
                .consistentRead(true)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :team)")
                .expressionAttributeValues(
                        Map.of(":pk", AttributeValue.fromS(PK), ":team", AttributeValue.fromS("TEAM#")))
                .build();
        List<Workteam> teams = new ArrayList<>();
        dynamo.queryPaginator(query).items().forEach(item -> teams.add(toTeam(item)));
        return teams;
    }

    @Override
    public void put(Workteam team) {
        dynamo.putItem(b -> b.tableName(table).item(item(team)));
    }

    @Override
    public boolean delete(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            return false;
        }
        Map<String, AttributeValue> old = dynamo.deleteItem(
                        b -> b.tableName(table).key(key(name)).returnValues(ReturnValue.ALL_OLD))
                .attributes();
        return old != null && !old.isEmpty();
    }

    @Override
    public void setDisabled(String workerSub, boolean disabled) {
        if (disabled) {
            dynamo.putItem(b -> b.tableName(table).item(workerKey(workerSub)));
        } else {
            dynamo.deleteItem(b -> b.tableName(table).key(workerKey(workerSub)));
        }
    }

    @Override
    public boolean isDisabled(String workerSub) {
        Map<String, AttributeValue> item = dynamo.getItem(
                        b -> b.tableName(table).key(workerKey(workerSub)).consistentRead(true))
                .item();
        return item != null && !item.isEmpty();
    }

    /** A disabled worker's item: the partition {@code WORKERS}, sort key {@code DISABLED#<sub>}. */
    private static Map<String, AttributeValue> workerKey(String workerSub) {
        return Map.of("pk", AttributeValue.fromS("WORKERS"), "sk", AttributeValue.fromS("DISABLED#" + workerSub));
    }

    private static Map<String, AttributeValue> item(Workteam team) {
        Map<String, AttributeValue> item = new HashMap<>(key(team.name()));
        item.put("name", AttributeValue.fromS(team.name()));
        item.put("arn", AttributeValue.fromS(team.arn()));
        item.put("workforceArn", AttributeValue.fromS(team.workforceArn()));
        item.put("members", AttributeValue.fromS(Json.write(members(team.memberDefinitions()))));
        item.put("description", AttributeValue.fromS(team.description()));
        if (team.notificationTopicArn() != null) {
            item.put("topic", AttributeValue.fromS(team.notificationTopicArn()));
        }
        if (team.workerAccessConfiguration() != null) {
            item.put("workerAccess", AttributeValue.fromS(Json.write(team.workerAccessConfiguration())));
        }
        item.put("createdAt", AttributeValue.fromS(team.createDate().toString()));
        item.put("updatedAt", AttributeValue.fromS(team.lastUpdatedDate().toString()));
        return item;
    }

    private static ArrayNode members(List<MemberDefinition> definitions) {
        ArrayNode array = Json.array();
        for (MemberDefinition definition : definitions) {
            ObjectNode out = array.addObject();
            if (definition instanceof MemberDefinition.Cognito c) {
                out.put("kind", "cognito")
                        .put("userPool", c.userPool())
                        .put("userGroup", c.userGroup())
                        .put("clientId", c.clientId());
            } else if (definition instanceof MemberDefinition.Oidc o) {
                out.put("kind", "oidc");
                o.groupNames().forEach(out.putArray("groups")::add);
            }
        }
        return array;
    }

    private static Workteam toTeam(Map<String, AttributeValue> item) {
        List<MemberDefinition> definitions = new ArrayList<>();
        for (JsonNode m : Json.parse(item.get("members").s())) {
            if (m.path("kind").asText().equals("cognito")) {
                definitions.add(new MemberDefinition.Cognito(
                        m.path("userPool").asText(),
                        m.path("userGroup").asText(),
                        m.path("clientId").asText()));
            } else {
                List<String> groups = new ArrayList<>();
                m.path("groups").forEach(g -> groups.add(g.asText()));
                definitions.add(new MemberDefinition.Oidc(groups));
            }
        }
        return new Workteam(
                item.get("name").s(),
                item.get("arn").s(),
                item.get("workforceArn").s(),
                definitions,
                item.get("description").s(),
                item.containsKey("topic") ? item.get("topic").s() : null,
                item.containsKey("workerAccess")
                        ? Json.parse(item.get("workerAccess").s())
                        : null,
                Instant.parse(item.get("createdAt").s()),
                Instant.parse(item.get("updatedAt").s()));
    }
}
