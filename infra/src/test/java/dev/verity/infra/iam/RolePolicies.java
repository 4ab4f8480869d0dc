package dev.verity.infra.iam;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What the synthesized template lets each function's role do: the Allow statements of every policy attached to the
 * role, with their resources resolved to ARN patterns. Tokens resolve to the names the tests' recordings are put in
 * ({@link Names}): the data bucket and table (found through the functions' environment) become {@code {bucket}} and
 * {@code {table}}, pseudo parameters the fixed region and account; a resource the functions do not name in their
 * environment keeps its logical id, so no recorded call can match it by accident.
 */
public final class RolePolicies {

    /** One Allow statement: IAM's action and resource patterns ({@code *} and {@code ?} wildcards). */
    public record Statement(String sid, List<String> actions, List<String> resources) {

        public boolean allows(String action, String resource) {
            return actions.stream()
                            .anyMatch(a -> wildcard(a.toLowerCase(Locale.ROOT)).test(action.toLowerCase(Locale.ROOT)))
                    && resources.stream().anyMatch(r -> wildcard(r).test(resource));
        }
    }

    private final Map<String, Map<String, Object>> resources;
    private final Map<String, List<Statement>> byFunctionName = new LinkedHashMap<>();
    private final Names names;

    @SuppressWarnings("unchecked")
    public RolePolicies(Map<String, Object> template) {
        this.resources = (Map<String, Map<String, Object>>) template.get("Resources");
        this.names = readNames();
        Map<String, String> roleOfFunction = new LinkedHashMap<>();
        resources.forEach((id, resource) -> {
            if ("AWS::Lambda::Function".equals(resource.get("Type"))) {
                Map<String, Object> properties = properties(id);
                String role = (String)
                        ((List<Object>) ((Map<String, Object>) properties.get("Role")).get("Fn::GetAtt")).get(0);
                roleOfFunction.put((String) properties.get("FunctionName"), role);
            }
        });
        roleOfFunction.forEach((function, role) -> byFunctionName.put(function, statementsOf(role)));
    }

    /** The names the functions' environment gives the resources they use, in the template's terms. */
    public Names names() {
        return names;
    }

    private Names readNames() {
        for (Map.Entry<String, Map<String, Object>> e : resources.entrySet()) {
            if ("AWS::Lambda::Function".equals(e.getValue().get("Type"))) {
                Map<String, Object> variables = variables(e.getKey());
                return new Names(
                        ref(variables.get("VERITY_BUCKET")),
                        ref(variables.get("VERITY_TABLE")),
                        (String) resolve(variables.get("VERITY_STATE_MACHINE_ARN"), null),
                        (String) variables.get("VERITY_TASK_QUEUE_PREFIX"),
                        (String) variables.get("VERITY_INTAKE_QUEUE_PREFIX"),
                        (String) variables.get("VERITY_CUSTOM_LAMBDA_PREFIX"),
                        ref(variables.get("VERITY_USER_POOL_ID")),
                        ref(variables.get("VERITY_JOB_EVENTS_TOPIC_ARN")),
                        (String) variables.get("VERITY_TEAM_TOPIC_PREFIX"));
            }
        }
        throw new IllegalStateException("the template has no function");
    }

    /** Function names (as deployed) with their role's statements. */
    public Map<String, List<Statement>> byFunctionName() {
        return byFunctionName;
    }

    /** The same policies without the statements {@code drop} matches (to show what a missing grant looks like). */
    public RolePolicies without(String functionName, Predicate<Statement> drop) {
        RolePolicies copy = new RolePolicies(this);
        copy.byFunctionName.put(
                functionName,
                byFunctionName.get(functionName).stream().filter(drop.negate()).toList());
        return copy;
    }

    private RolePolicies(RolePolicies other) {
        this.resources = other.resources;
        this.names = other.names;
        this.byFunctionName.putAll(other.byFunctionName);
    }

    @SuppressWarnings("unchecked")
    private List<Statement> statementsOf(String roleId) {
        List<Statement> statements = new ArrayList<>();
        resources.forEach((id, resource) -> {
            if (!"AWS::IAM::Policy".equals(resource.get("Type"))) {
                return;
            }
            Map<String, Object> properties = properties(id);
            boolean attached = ((List<Object>) properties.getOrDefault("Roles", List.of()))
                    .stream().anyMatch(r -> r instanceof Map<?, ?> m && roleId.equals(m.get("Ref")));
            if (!attached) {
                return;
            }
            for (Object s : (List<Object>) ((Map<String, Object>) properties.get("PolicyDocument")).get("Statement")) {
                Map<String, Object> statement = (Map<String, Object>) s;
                if (!"Allow".equals(statement.get("Effect"))) {
                    throw new IllegalStateException("a Deny statement in " + id + ": teach RolePolicies about it");
                }
                statements.add(new Statement(
                        (String) statement.get("Sid"),
                        strings(statement.get("Action")),
                        list(statement.get("Resource")).stream()
                                .map(r -> (String) resolve(r, id))
                                .toList()));
            }
        });
        return statements;
    }

    /** A template expression as a string: Fn::Join, Fn::Sub, Fn::GetAtt …Arn, Ref (pseudo parameters, resources). */
    @SuppressWarnings("unchecked")
    private Object resolve(Object expression, String context) {
        if (expression instanceof String s) {
            return s;
        }
        Map<String, Object> function = (Map<String, Object>) expression;
        if (function.containsKey("Fn::Join")) {
            List<Object> join = (List<Object>) function.get("Fn::Join");
            List<String> parts = new ArrayList<>();
            for (Object part : (List<Object>) join.get(1)) {
                parts.add((String) resolve(part, context));
            }
            return String.join((String) join.get(0), parts);
        }
        if (function.containsKey("Ref")) {
            return switch ((String) function.get("Ref")) {
                case "AWS::Partition" -> "aws";
                case "AWS::Region" -> Names.REGION;
                case "AWS::AccountId" -> Names.ACCOUNT;
                case "AWS::URLSuffix" -> "amazonaws.com";
                default -> nameOf((String) function.get("Ref"));
            };
        }
        if (function.containsKey("Fn::GetAtt")) {
            List<Object> getAtt = (List<Object>) function.get("Fn::GetAtt");
            String id = (String) getAtt.get(0);
            if (!"Arn".equals(getAtt.get(1))) {
                return "<" + id + "." + getAtt.get(1) + ">";
            }
            String type = (String) resources.get(id).get("Type");
            return switch (type) {
                case "AWS::S3::Bucket" -> "arn:aws:s3:::" + nameOf(id);
                case "AWS::DynamoDB::Table" ->
                    "arn:aws:dynamodb:" + Names.REGION + ":" + Names.ACCOUNT + ":table/" + nameOf(id);
                case "AWS::Cognito::UserPool" ->
                    names != null && id.equals(names.userPoolId())
                            ? names.arn("cognito-idp", "userpool/" + Names.USER_POOL)
                            : "<" + id + ".Arn>";
                default -> "<" + id + ".Arn>";
            };
        }
        if (function.get("Fn::Sub") instanceof String sub) {
            return sub.replace("${AWS::Partition}", "aws")
                    .replace("${AWS::Region}", Names.REGION)
                    .replace("${AWS::AccountId}", Names.ACCOUNT)
                    .replace("${AWS::URLSuffix}", "amazonaws.com");
        }
        return "<" + expression + ">"; // an expression this reader does not know matches no call: fails closed
    }

    private String nameOf(String id) {
        if (names != null && id.equals(names.bucketId())) {
            return Names.BUCKET;
        }
        if (names != null && id.equals(names.tableId())) {
            return Names.TABLE;
        }
        if (names != null && id.equals(names.jobEventsTopicId())) {
            return names.arn("sns", Names.JOB_EVENTS_TOPIC); // a topic's Ref is its ARN
        }
        return "<" + id + ">";
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> properties(String id) {
        return (Map<String, Object>) resources.get(id).get("Properties");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> variables(String functionId) {
        return (Map<String, Object>)
                ((Map<String, Object>) properties(functionId).get("Environment")).get("Variables");
    }

    private static String ref(Object expression) {
        return (String) ((Map<?, ?>) Objects.requireNonNull(expression, "a function variable")).get("Ref");
    }

    private static List<Object> list(Object value) {
        return value instanceof List<?> l ? new ArrayList<>(l) : List.of(value);
    }

    private static List<String> strings(Object value) {
        return list(value).stream().map(String.class::cast).toList();
    }

    private static final Map<String, Predicate<String>> PATTERNS = new java.util.concurrent.ConcurrentHashMap<>();

    private static Predicate<String> wildcard(String pattern) {
        return PATTERNS.computeIfAbsent(pattern, RolePolicies::compile);
    }

    private static Predicate<String> compile(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(
                    switch (c) {
                        case '*' -> ".*";
                        case '?' -> ".";
                        default -> Pattern.quote(String.valueOf(c));
                    });
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL).asMatchPredicate();
    }
}
