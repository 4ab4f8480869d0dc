package dev.verity.workforce;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.job.FieldReader;
import dev.verity.job.InvalidRequestException;
import dev.verity.job.Violations;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A CreateWorkteam or UpdateWorkteam request, read with Ground Truth's limits: a name of 1–63 characters, 1–10
 * member definitions all of one kind (Cognito or OIDC, never both), a description of 1–200 characters.
 *
 * @param memberDefinitions null in an update that leaves them as they are (likewise the other nullable fields)
 * @param notificationTopicArn null to leave unset; "" in an update clears it
 */
public record WorkteamRequest(
        String name,
        List<MemberDefinition> memberDefinitions,
        String description,
        String notificationTopicArn,
        JsonNode workerAccessConfiguration) {

    public static final int MAX_NAME_LENGTH = 63;
    public static final int MAX_MEMBER_DEFINITIONS = 10;
    public static final int MAX_DESCRIPTION_LENGTH = 200;

    static final Pattern NAME = Pattern.compile("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");
    private static final Pattern USER_POOL = Pattern.compile("[\\w-]+_[0-9a-zA-Z]+");
    private static final Pattern GROUP = Pattern.compile("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+");
    private static final Pattern CLIENT_ID = Pattern.compile("[\\w+-]+");
    private static final Pattern TOPIC_ARN =
            Pattern.compile("arn:aws[a-z\\-]*:sns:[a-z0-9\\-]*:[0-9]{12}:[a-zA-Z0-9_.-]+");

    /**
     * A CreateWorkteam request body.
     *
     * @throws InvalidRequestException naming every field that breaks a rule
     */
    public static WorkteamRequest create(JsonNode json) {
        Violations violations = new Violations();
        FieldReader root = FieldReader.root(json, "a CreateWorkteam request", violations);
        String name = root.requiredString("WorkteamName");
        checkName(root, "WorkteamName", name);
        String workforce = root.optionalString("WorkforceName");
        root.matches("WorkforceName", workforce, NAME, "1-63 letters, digits and inner hyphens");
        List<MemberDefinition> members = memberDefinitions(root, root.requiredObjects("MemberDefinitions"));
        String description = root.requiredString("Description");
        root.length("Description", description, 1, MAX_DESCRIPTION_LENGTH);
        String topic = notificationTopic(root);
        JsonNode access = workerAccess(root);
        root.raw("Tags"); // accepted as SageMaker takes them; Verity keeps no tags yet
        root.rejectUnknownFields();
        violations.throwIfAny();
        return new WorkteamRequest(name, members, description, topic, access);
    }

    /**
     * An UpdateWorkteam request body for the team named in the path; fields left out stay as they are.
     *
     * @throws InvalidRequestException naming every field that breaks a rule
     */
    public static WorkteamRequest update(String pathName, JsonNode json) {
        Violations violations = new Violations();
        FieldReader root = FieldReader.root(json, "an UpdateWorkteam request", violations);
        String name = root.optionalString("WorkteamName");
        if (name != null && !name.equals(pathName)) {
            root.add("WorkteamName", "names team '" + name + "' but the path names '" + pathName + "'");
        }
        List<MemberDefinition> members = root.optionalObjects("MemberDefinitions")
                .map(items -> memberDefinitions(root, items))
                .orElse(null);
        String description = root.optionalString("Description");
        root.length("Description", description, 1, MAX_DESCRIPTION_LENGTH);
        String topic = notificationTopic(root);
        JsonNode access = workerAccess(root);
        root.rejectUnknownFields();
        violations.throwIfAny();
        return new WorkteamRequest(pathName, members, description, topic, access);
    }

    /** Checks a team name (from a body or a path) against CreateWorkteam's rule; true if it passes. */
    static boolean checkName(FieldReader reader, String field, String name) {
        return reader.length(field, name, 1, MAX_NAME_LENGTH)
                && reader.matches(field, name, NAME, "1-63 letters and digits, with hyphens only between them");
    }

    private static List<MemberDefinition> memberDefinitions(FieldReader root, List<FieldReader> items) {
        if (root.raw("MemberDefinitions") != null
                && root.raw("MemberDefinitions").isArray()
                && (items.isEmpty() || items.size() > MAX_MEMBER_DEFINITIONS)) {
            root.add(
                    "MemberDefinitions",
                    "must hold between 1 and " + MAX_MEMBER_DEFINITIONS + " member definitions, got " + items.size());
        }
        List<MemberDefinition> members = new ArrayList<>();
        int cognito = 0;
        int oidc = 0;
        for (FieldReader item : items) {
            Optional<FieldReader> c = item.optionalObject("CognitoMemberDefinition");
            Optional<FieldReader> o = item.optionalObject("OidcMemberDefinition");
            item.rejectUnknownFields();
            if (c.isPresent() == o.isPresent()) {
                if (item.isPresent()) {
                    item.add("", "must hold exactly one of CognitoMemberDefinition and OidcMemberDefinition");
                }
                continue;
            }
            if (c.isPresent()) {
                cognito++;
                cognito(c.get()).ifPresent(members::add);
            } else {
                oidc++;
                oidc(o.get()).ifPresent(members::add);
            }
        }
        if (cognito > 0 && oidc > 0) {
            root.add(
                    "MemberDefinitions",
                    "mixes CognitoMemberDefinition (" + cognito + ") and OidcMemberDefinition (" + oidc
                            + "): a team's members are all Cognito user groups or all OIDC groups");
        }
        return members;
    }

    private static Optional<MemberDefinition> cognito(FieldReader c) {
        String pool = c.requiredString("UserPool");
        String group = c.requiredString("UserGroup");
        String client = c.requiredString("ClientId");
        boolean ok = (c.length("UserPool", pool, 1, 55)
                        && c.matches("UserPool", pool, USER_POOL, "a Cognito user pool id, <region>_<id>"))
                & (c.length("UserGroup", group, 1, 128) && c.matches("UserGroup", group, GROUP, "a group name"))
                & (c.length("ClientId", client, 1, 128)
                        && c.matches("ClientId", client, CLIENT_ID, "a Cognito app client id"));
        c.rejectUnknownFields();
        return ok ? Optional.of(new MemberDefinition.Cognito(pool, group, client)) : Optional.empty();
    }

    private static Optional<MemberDefinition> oidc(FieldReader o) {
        List<String> groups = o.optionalStrings("Groups").orElse(null);
        o.rejectUnknownFields();
        if (groups == null) {
            if (o.isPresent() && o.raw("Groups") == null) {
                o.add("Groups", "is required");
            }
            return Optional.empty();
        }
        boolean ok = true;
        if (groups.isEmpty() || groups.size() > 10) {
            o.add("Groups", "must hold between 1 and 10 groups, got " + groups.size());
            ok = false;
        }
        for (int i = 0; i < groups.size(); i++) {
            String field = "Groups[" + i + "]";
            ok &= groups.get(i) != null
                    && o.length(field, groups.get(i), 1, 63)
                    && o.matches(field, groups.get(i), GROUP, "a group name");
        }
        return ok ? Optional.of(new MemberDefinition.Oidc(groups)) : Optional.empty();
    }

    private static String notificationTopic(FieldReader root) {
        return root.optionalObject("NotificationConfiguration")
                .map(n -> {
                    String topic = n.optionalString("NotificationTopicArn");
                    n.rejectUnknownFields();
                    if (topic == null) {
                        return "";
                    }
                    n.matches("NotificationTopicArn", topic, TOPIC_ARN, "an SNS topic ARN");
                    return topic;
                })
                .orElse(null);
    }

    private static JsonNode workerAccess(FieldReader root) {
        JsonNode access = root.raw("WorkerAccessConfiguration");
        if (access != null && !access.isObject()) {
            root.add("WorkerAccessConfiguration", "must be an object");
            return null;
        }
        return access;
    }
}
