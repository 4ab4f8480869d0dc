package dev.verity.infra.iam;

import dev.verity.catalog.Catalog;
import dev.verity.catalog.FunctionSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The AWS calls the functions made in the other modules' tests, as {@code AwsCallRecorder} wrote them
 * ({@code <handler class> <service> <operation> <resource fields> <outcome>}, then the run's {@code VERITY_*}
 * environment), turned into the IAM requests they are in AWS: the function (by catalog name), the action, and the
 * resource ARN in the template's terms ({@link Names}).
 */
public final class RecordedCalls {

    /** An AWS request as IAM authorises it; {@code call} is the recorded line it came from. */
    public record IamRequest(String function, String action, String resource, String call) {}

    /** Outcomes of calls that reached a resource the run was denied or that does not exist: nothing to grant. */
    private static final Set<String> DENIED = Set.of("AccessDenied", "NoSuchBucket", "AllAccessDisabled");

    private final List<IamRequest> requests = new ArrayList<>();
    private final List<Path> files = new ArrayList<>();

    public RecordedCalls(List<Path> roots, Names names) {
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> found = Files.walk(root)) {
                for (Path file : found.filter(f -> f.getFileName().toString().endsWith(".tsv"))
                        .sorted()
                        .toList()) {
                    files.add(file);
                    read(file, names);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public List<IamRequest> requests() {
        return requests;
    }

    public List<Path> files() {
        return files;
    }

    private void read(Path file, Names names) throws IOException {
        List<String> lines = Files.readAllLines(file);
        Map<String, String> environment = new HashMap<>();
        for (String line : lines) {
            String[] cells = line.split("\t", -1);
            if (cells[0].equals("#env")) {
                environment.put(cells[1], cells[2]);
            }
        }
        Map<String, String> functionOfHandler = new HashMap<>();
        for (FunctionSpec spec : Catalog.FUNCTIONS) {
            functionOfHandler.put(spec.handler(), spec.name());
        }
        Resources resources = new Resources(names, environment);
        for (String line : lines) {
            String[] cells = line.split("\t", -1);
            if (cells[0].equals("#env") || DENIED.contains(cells[4]) || failedOutsideTheStack(cells, environment)) {
                continue;
            }
            String function = functionOfHandler.get(cells[0]);
            if (function == null) {
                continue; // a requester's own function (custom task type), run by the tests: not Verity's role
            }
            Map<String, String> fields = fields(cells[3]);
            String[] actionAndResource = resources.iam(cells[1], cells[2], fields);
            requests.add(new IamRequest(
                    function, actionAndResource[0], actionAndResource[1], cells[1] + " " + cells[2] + " " + cells[3]));
        }
    }

    /** A failed read of a bucket that is not Verity's (a HEAD of a missing bucket says only 404, NoSuchKey). */
    private static boolean failedOutsideTheStack(String[] cells, Map<String, String> environment) {
        String ours = "Bucket=" + environment.get(Catalog.ENV_BUCKET);
        return cells[1].equals("S3")
                && !cells[4].equals("ok")
                && !(cells[3].equals(ours) || cells[3].startsWith(ours + ";"));
    }

    private static Map<String, String> fields(String cell) {
        Map<String, String> fields = new HashMap<>();
        if (!cell.isEmpty()) {
            for (String pair : cell.split(";")) {
                int eq = pair.indexOf('=');
                fields.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return fields;
    }

    /** One run's resource names (its environment) in the template's terms, and each operation's IAM action. */
    private record Resources(Names names, Map<String, String> environment) {

        /** The IAM action and resource of one call. */
        String[] iam(String service, String operation, Map<String, String> f) {
            return switch (service) {
                case "S3" -> new String[] {"s3:" + s3Action(operation), s3(f.get("Bucket"), f.get("Key"))};
                case "DynamoDb" -> new String[] {"dynamodb:" + operation, table(f)};
                case "Sqs" -> new String[] {"sqs:" + operation.replace("Batch", ""), queue(f)};
                case "Sfn" -> new String[] {"states:" + operation, stateMachineResource(operation, f)};
                case "Lambda" -> new String[] {"lambda:InvokeFunction", function(f.get("FunctionName"))};
                case "Sns" -> new String[] {"sns:" + operation, topic(f)};
                // the functions put events on the default bus only (EventBridgeJobEvents)
                case "EventBridge" -> new String[] {"events:" + operation, names.arn("events", "event-bus/default")};
                case "CognitoIdentityProvider" ->
                    new String[] {"cognito-idp:" + operation, names.arn("cognito-idp", "userpool/" + Names.USER_POOL)};
                default -> throw new IllegalStateException("no IAM mapping for " + service + " " + operation);
            };
        }

        private static String s3Action(String operation) {
            return switch (operation) {
                case "HeadObject" -> "GetObject";
                case "ListObjectsV2", "ListObjects", "HeadBucket" -> "ListBucket";
                case "CreateMultipartUpload", "UploadPart", "CompleteMultipartUpload" -> "PutObject";
                case "AbortMultipartUpload" -> "AbortMultipartUpload";
                case "DeleteObjects" -> "DeleteObject";
                default -> operation;
            };
        }

        private String s3(String bucket, String key) {
            String name = bucket.equals(environment.get(Catalog.ENV_BUCKET)) ? Names.BUCKET : bucket;
            return "arn:aws:s3:::" + name + (key == null ? "" : "/" + key);
        }

        private String table(Map<String, String> f) {
            String table = f.get("TableName");
            String name = table.equals(environment.get(Catalog.ENV_TABLE)) ? Names.TABLE : table;
            return names.arn(
                    "dynamodb", "table/" + name + (f.containsKey("IndexName") ? "/index/" + f.get("IndexName") : ""));
        }

        private String queue(Map<String, String> f) {
            String url = f.get("QueueUrl");
            String queue = url != null ? url.substring(url.lastIndexOf('/') + 1) : f.get("QueueName");
            if (queue == null) {
                return "*";
            }
            String prefix = environment.get(Catalog.ENV_TASK_QUEUE_PREFIX);
            String intakePrefix =
                    environment.getOrDefault(Catalog.ENV_INTAKE_QUEUE_PREFIX, Catalog.INTAKE_QUEUE_PREFIX);
            if (queue.startsWith(intakePrefix)) {
                return names.arn("sqs", names.intakeQueuePrefix() + queue.substring(intakePrefix.length()));
            }
            return names.arn(
                    "sqs",
                    queue.startsWith(prefix) ? names.taskQueuePrefix() + queue.substring(prefix.length()) : queue);
        }

        private String stateMachineResource(String operation, Map<String, String> f) {
            String local = environment.get(Catalog.ENV_STATE_MACHINE_ARN);
            if (operation.startsWith("SendTask") || local.equals(f.get("stateMachineArn"))) {
                return names.stateMachineArn(); // task tokens are authorised on their state machine
            }
            String arn = f.getOrDefault("executionArn", f.get("stateMachineArn"));
            String localName = local.substring(local.lastIndexOf(':') + 1);
            String executions = ":execution:" + localName + ":";
            int at = arn.indexOf(executions);
            return at < 0
                    ? arn
                    : names.arn(
                            "states",
                            "execution:" + names.stateMachineName() + ":" + arn.substring(at + executions.length()));
        }

        /** The topic a call names: by ARN, by name (CreateTopic) or through one of its subscriptions (Unsubscribe). */
        private String topic(Map<String, String> f) {
            String arn = f.containsKey("SubscriptionArn")
                    ? f.get("SubscriptionArn")
                            .substring(0, f.get("SubscriptionArn").lastIndexOf(':'))
                    : f.get("TopicArn");
            if (arn != null && arn.equals(environment.get(Catalog.ENV_JOB_EVENTS_TOPIC_ARN))) {
                return names.arn("sns", Names.JOB_EVENTS_TOPIC);
            }
            String name = arn != null ? arn.substring(arn.lastIndexOf(':') + 1) : f.get("Name");
            String prefix = environment.get(Catalog.ENV_TEAM_TOPIC_PREFIX);
            return names.arn(
                    "sns",
                    prefix != null && name.startsWith(prefix)
                            ? names.teamTopicPrefix() + name.substring(prefix.length())
                            : name);
        }

        private String function(String nameOrArn) {
            String name = nameOrArn.startsWith("arn:") ? nameOrArn.split(":")[6] : nameOrArn;
            String prefix = environment.get(Catalog.ENV_CUSTOM_LAMBDA_PREFIX);
            return names.arn(
                    "lambda",
                    "function:"
                            + (name.startsWith(prefix)
                                    ? names.customLambdaPrefix() + name.substring(prefix.length())
                                    : name));
        }
    }

    /** The catalog functions no recording shows a call of. */
    public Set<String> silentFunctions() {
        Set<String> silent = new LinkedHashSet<>();
        Catalog.FUNCTIONS.forEach(spec -> silent.add(spec.name()));
        requests.forEach(r -> silent.remove(r.function()));
        return silent;
    }
}
