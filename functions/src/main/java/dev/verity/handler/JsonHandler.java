package dev.verity.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.cost.UsageScope;
import dev.verity.cost.UsageTally;
import dev.verity.json.Json;
import dev.verity.store.UsageStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.crac.Core;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/** A Lambda handler that reads a JSON event and writes a JSON result; subclasses only map one to the other. */
public abstract class JsonHandler implements RequestStreamHandler {

    private final Services services;
    private final SnapStartPriming priming = new SnapStartPriming(this);

    protected JsonHandler() {
        this(null);
    }

    /** For tests and the local runtime: handlers over the given services. */
    protected JsonHandler(Services services) {
        this.services = services;
        Core.getGlobalContext().register(priming);
    }

    /** The hook SnapStart runs before its snapshot. */
    final SnapStartPriming priming() {
        return priming;
    }

    /**
     * Runs, before SnapStart's snapshot, what a first invocation would load and run, but nothing that leaves the
     * function: the services and every SDK client built (no request sent), logging set up, and Jackson reading and
     * writing an event; with the handler's own path where {@link #primingEvent()} gives one.
     */
    final void prime() throws IOException {
        services().makeClients();
        LoggerFactory.getLogger(getClass()).debug("primed before the snapshot");
        JsonNode event = primingEvent().orElse(null);
        JsonNode result = event == null ? Json.object().put("jobName", "snapstart-priming") : handle(event, null);
        Json.MAPPER.readTree(Json.MAPPER.writeValueAsBytes(result));
    }

    /**
     * An event whose handling touches nothing outside the function, for {@link #prime()}; none by default, as every
     * workflow step's reads or writes AWS.
     */
    protected Optional<JsonNode> primingEvent() {
        return Optional.empty();
    }

    protected Services services() {
        return services != null ? services : Services.fromEnvironment();
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        long started = System.nanoTime();
        JsonNode event = Json.MAPPER.readTree(input);
        JsonNode result = null;
        String job = jobName(event);
        // What this invocation makes AWS do counts for its job: its requests (on any thread it starts) and itself.
        UsageTally tally = job.isEmpty() ? null : new UsageTally();
        UsageTally outer = UsageScope.enter(tally);
        // Every log event of this invocation carries the Lambda context (request id, function) and the job's name.
        MDC.put(JOB_NAME, job);
        try {
            result = PowertoolsLogging.withLogging(context, () -> {
                try {
                    return handle(event, context);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            UsageScope.restore(outer);
            if (tally != null && (result == null || chargedToJob(result))) {
                new InvocationMeter(this::usageStore, getClass(), context).flush(job, tally, started);
            }
            MDC.remove(JOB_NAME);
            flushMetrics();
        }
        Json.MAPPER.writeValue(output, result);
    }

    /** Publishes the job and task metrics this invocation added (once per invocation); never fails it. */
    private void flushMetrics() {
        // services not built yet (a handler that reached none) counted nothing: flushing must not build them
        Services built = services != null ? services : Services.madeFromEnvironment();
        if (built == null) {
            return;
        }
        try {
            built.monitor.flush();
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(getClass()).warn("could not publish this invocation's metrics", e);
        }
    }

    /** Where invocations add their usage. */
    protected UsageStore usageStore() {
        return services().usage;
    }

    /** The log field naming the job an invocation works on. */
    static final String JOB_NAME = "job_name";

    /**
     * The job this event is about, whose usage the invocation adds to; "" if none. A workflow step's
     * {@code jobName} here; routes say theirs ({@link HttpHandler}).
     */
    protected String jobName(JsonNode event) {
        return event.path("jobName").asText("");
    }

    /**
     * Whether what this invocation used is the job's to pay for; all of it by default. (An HTTP reply may show the
     * caller reached no job: its usage is then stored nowhere, so no one can make usage items for names at will.)
     */
    protected boolean chargedToJob(JsonNode result) {
        return true;
    }

    /** Handles one event; also callable directly with a parsed event. */
    public abstract JsonNode handle(JsonNode event, Context context) throws IOException;

    /** The AWS account id from the function's ARN ("000000000000" where there is none, as in local runs). */
    protected static String accountId(Context context) {
        if (context != null && context.getInvokedFunctionArn() != null) {
            String[] parts = context.getInvokedFunctionArn().split(":");
            if (parts.length > 4 && !parts[4].isEmpty()) {
                return parts[4];
            }
        }
        return "000000000000";
    }
}
