package dev.verity.emulators.calls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Records every AWS call a Lambda handler makes in this JVM (the handler, the service and operation, the resource it
 * names, and how it ended), so a test can check each one against the grants the CDK stack gives that function's role.
 *
 * <p>Registered as an SDK global interceptor by the test resources of the modules that run handlers (file
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors}); it records only when the system property
 * {@value #DIRECTORY_PROPERTY} names a directory, where it writes {@code calls-<pid>.tsv} when the JVM exits. The
 * handler is the innermost concrete Lambda handler class on the calling thread's stack: calls the tests make
 * themselves, and the emulators' own, name none and are not recorded.
 */
public final class AwsCallRecorder implements ExecutionInterceptor {

    public static final String DIRECTORY_PROPERTY = "verity.awsCalls.dir";

    private static final Set<String> HANDLER_INTERFACES = Set.of(
            "com.amazonaws.services.lambda.runtime.RequestStreamHandler",
            "com.amazonaws.services.lambda.runtime.RequestHandler");
    /** Request members that name the resource a call acts on, in the SDK's spelling for each service. */
    private static final List<String> RESOURCE_FIELDS = List.of(
            "Bucket",
            "Key",
            "QueueUrl",
            "QueueName",
            "TableName",
            "IndexName",
            "stateMachineArn",
            "executionArn",
            "FunctionName",
            "TopicArn",
            "SubscriptionArn",
            "Name",
            "UserPoolId");

    private static final ExecutionAttribute<String> HANDLER = new ExecutionAttribute<>("VerityRecordedHandler");

    private static final Set<String> CALLS = ConcurrentHashMap.newKeySet();
    private static final Map<Class<?>, Boolean> IS_HANDLER = new ConcurrentHashMap<>();
    private static final Path DIRECTORY = directory();

    static {
        if (DIRECTORY != null) {
            deleteEarlierRecordings();
            Runtime.getRuntime().addShutdownHook(new Thread(AwsCallRecorder::write, "aws-call-recorder"));
        }
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (DIRECTORY == null) {
            return;
        }
        StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
                        .filter(AwsCallRecorder::isHandler)
                        .findFirst())
                .ifPresent(handler -> attributes.putAttribute(HANDLER, handler.getName()));
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        record(context.request(), attributes, "ok");
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        Throwable failure = context.exception();
        String outcome = failure instanceof AwsServiceException service && service.awsErrorDetails() != null
                ? service.awsErrorDetails().errorCode()
                : failure.getClass().getSimpleName();
        record(context.request(), attributes, outcome);
    }

    private static void record(SdkRequest request, ExecutionAttributes attributes, String outcome) {
        String handler = attributes.getAttribute(HANDLER);
        if (handler == null) {
            return;
        }
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        List<String> resource = new ArrayList<>();
        for (String field : RESOURCE_FIELDS) {
            if (field.equals("Key") && !service.equals("S3")) {
                continue; // DynamoDB's Key is an item's key, not a resource
            }
            if (field.equals("Name") && !service.equals("Sns")) {
                continue; // a topic's name in CreateTopic; elsewhere not a resource
            }
            request.getValueForField(field, Object.class)
                    .ifPresent(
                            value -> resource.add(field + "=" + value.toString().replace('\t', ' ')));
        }
        CALLS.add(String.join(
                "\t",
                handler,
                service,
                attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                String.join(";", resource),
                outcome));
    }

    private static boolean isHandler(Class<?> type) {
        return IS_HANDLER.computeIfAbsent(
                type, t -> !t.isInterface() && !Modifier.isAbstract(t.getModifiers()) && implementsHandler(t));
    }

    private static boolean implementsHandler(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (HANDLER_INTERFACES.contains(i.getName())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The calls, then the functions' environment ({@code VERITY_*}) as {@code #env} lines: it names their resources. */
    private static void write() {
        List<String> lines = new ArrayList<>(new java.util.TreeSet<>(CALLS));
        Map<String, String> environment = new TreeMap<>();
        System.getProperties().forEach((k, v) -> {
            if (k.toString().startsWith("VERITY_")) {
                environment.put(k.toString(), v.toString());
            }
        });
        environment.forEach((k, v) -> lines.add("#env\t" + k + "\t" + v));
        try {
            Files.createDirectories(DIRECTORY);
            Files.write(DIRECTORY.resolve("calls-" + ProcessHandle.current().pid() + ".tsv"), lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One JVM records per directory (one test plugin of one module): what an earlier build left is stale. */
    private static void deleteEarlierRecordings() {
        try (var files = Files.list(DIRECTORY)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            // nothing recorded yet
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path directory() {
        String dir = System.getProperty(DIRECTORY_PROPERTY);
        return dir == null || dir.isBlank() ? null : Path.of(dir);
    }
}
