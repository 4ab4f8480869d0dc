package dev.verity.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.verity.aws.CatalogProvisioner;
import dev.verity.aws.Environment;
import dev.verity.catalog.Catalog;
import dev.verity.catalog.FunctionSpec;
import dev.verity.emulators.lambda.LambdaFunctionException;
import dev.verity.emulators.lambda.LambdaInvoker;
import dev.verity.handler.Services;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs the catalog's functions in this JVM: the handler class named in the catalog, one instance per function (as
 * a warm Lambda container), given a Lambda context. The functions' environment is this JVM's system properties,
 * set by the runtime from what the stack gives them.
 */
public final class LambdaRunner implements LambdaInvoker {

    private final String region;
    private final String accountId;
    private final Map<String, RequestStreamHandler> handlers = new ConcurrentHashMap<>();
    private final Map<String, FunctionSpec> userFunctions = new ConcurrentHashMap<>();
    private volatile Services services;

    public LambdaRunner(String region, String accountId) {
        this.region = region;
        this.accountId = accountId;
    }

    /**
     * Makes a user's function (e.g. a custom task type's pre- or post-annotation Lambda) invocable by its function
     * name; its handler class must be on the classpath and have a no-argument constructor.
     */
    public void registerUserFunction(String functionName, String handlerClass) {
        userFunctions.put(
                functionName,
                new FunctionSpec(functionName, handlerClass, 1024, 300, "user function " + functionName, Set.of()));
    }

    @Override
    public String invoke(String function, String payload) {
        String functionName = LambdaInvoker.functionName(function);
        FunctionSpec user = userFunctions.get(functionName);
        FunctionSpec spec = user != null ? user : spec(functionName);
        RequestStreamHandler handler = handlers.computeIfAbsent(
                spec.name(), n -> user != null ? instantiateUserFunction(user) : instantiate(spec));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String arn = user != null
                ? "arn:aws:lambda:" + region + ":" + accountId + ":function:" + functionName
                : CatalogProvisioner.functionArn(region, accountId, spec.name());
        try {
            handler.handleRequest(
                    new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)),
                    out,
                    new LocalContext(spec, arn));
        } catch (IOException | RuntimeException e) {
            // Lambda reports the exception's class name as errorType and its message as errorMessage.
            throw new LambdaFunctionException(e.getClass().getName(), String.valueOf(e.getMessage()), e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The catalog entry for a local function name ({@code verity-<name>}) or a bare catalog name. */
    static FunctionSpec spec(String functionName) {
        String name = functionName.startsWith(CatalogProvisioner.FUNCTION_PREFIX)
                ? functionName.substring(CatalogProvisioner.FUNCTION_PREFIX.length())
                : functionName;
        try {
            return Catalog.function(name);
        } catch (IllegalArgumentException e) {
            throw new LambdaFunctionException("ResourceNotFoundException", "Function not found: " + functionName, e);
        }
    }

    /**
     * The handler over this runtime's own services (the constructor every handler has for that), so that two
     * runtimes in one JVM never share AWS clients; Lambda itself uses the no-argument constructor.
     */
    private RequestStreamHandler instantiate(FunctionSpec spec) {
        try {
            return (RequestStreamHandler) Class.forName(spec.handler())
                    .getDeclaredConstructor(Services.class)
                    .newInstance(services());
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("cannot create handler " + spec.handler() + " of " + spec.name(), e);
        }
    }

    private static RequestStreamHandler instantiateUserFunction(FunctionSpec spec) {
        try {
            return (RequestStreamHandler)
                    Class.forName(spec.handler()).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new LambdaFunctionException(
                    "ResourceNotFoundException",
                    "cannot create " + spec.handler() + " for function " + spec.name() + ": " + e,
                    e);
        }
    }

    /** Made on first use: the runtime sets the functions' environment before anything is invoked. */
    private Services services() {
        Services current = services;
        if (current == null) {
            synchronized (this) {
                if (services == null) {
                    services = new Services(Environment.current());
                }
                current = services;
            }
        }
        return current;
    }
}
