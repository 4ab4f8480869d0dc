package dev.verity.emulators;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opentest4j.TestAbortedException;

/**
 * JUnit 5 extension ({@code @ExtendWith(EmulatorsExtension.class)}) giving tests the AWS services, started once
 * per test run (kept in the root context's store, closed when the run ends) and shared by every test class.
 *
 * <p>After start it sets, as Java system properties: every entry of {@link Emulators#endpointSettings()} under
 * its own name (code under test reads environment variables overlaid by system properties of the same names);
 * the SDK's own {@code aws.region}, {@code aws.accessKeyId}, {@code aws.secretAccessKey}; and the SDK's
 * per-service endpoint properties {@code aws.endpointUrlS3}, {@code aws.endpointUrlSqs},
 * {@code aws.endpointUrlDynamoDb}, {@code aws.endpointUrlSfn} (and with notifications {@code aws.endpointUrlSns},
 * {@code aws.endpointUrlCognitoIdentityProvider}), so even a client built with SDK defaults lands on the emulators. Then it calls every {@link EmulatorSetup} found by {@link ServiceLoader}, once. The previous values of
 * the properties are restored when the run ends. {@link Emulators} can be injected as a constructor or method
 * parameter.
 *
 * <p>The workforce's services (SMTP mail sink, SNS, a Cognito user pool: {@link Emulators.Builder#notifications})
 * are off unless system property {@value #NOTIFICATIONS_PROPERTY} is {@code true} (a module whose tests need them
 * sets it in its Surefire/Failsafe {@code systemPropertyVariables}); the run's one instance then has them for every
 * test class. The LocalStack backend has none of them.
 *
 * <p>Backend: the embedded {@link Emulators}, unless system property {@value #BACKEND_PROPERTY} is
 * {@code localstack} ({@code mvn verify -Plocalstack}); then LocalStack runs in a container through Testcontainers
 * (image {@code -Dverity.localstack.image=...}), and without a Docker engine every test using this extension is
 * aborted (reported as skipped) after one line on stdout.
 */
public final class EmulatorsExtension implements BeforeAllCallback, ParameterResolver {
    public static final String BACKEND_PROPERTY = "verity.backend";
    /** {@code true}: the embedded emulators also run the mail sink, SNS and Cognito ({@link Emulators#mail()}, ...). */
    public static final String NOTIFICATIONS_PROPERTY = "verity.emulators.notifications";

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(EmulatorsExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        shared(context).emulators();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == Emulators.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext)
            throws ParameterResolutionException {
        return shared(extensionContext).emulators();
    }

    private static Shared shared(ExtensionContext context) {
        return context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(Shared.class, key -> new Shared(), Shared.class);
    }

    /** SDK v2 system properties mirroring the endpoint settings. */
    static Map<String, String> systemProperties(Emulators emulators) {
        Map<String, String> properties = new LinkedHashMap<>(emulators.endpointSettings());
        properties.put("aws.region", emulators.region());
        properties.put("aws.accessKeyId", emulators.accessKeyId());
        properties.put("aws.secretAccessKey", emulators.secretAccessKey());
        properties.put("aws.endpointUrlS3", emulators.s3Endpoint().toString());
        properties.put("aws.endpointUrlSqs", emulators.sqsEndpoint().toString());
        properties.put("aws.endpointUrlDynamoDb", emulators.dynamoEndpoint().toString());
        properties.put("aws.endpointUrlSfn", emulators.sfnEndpoint().toString());
        if (emulators.eventBridgeEndpoint() != null) {
            properties.put(
                    "aws.endpointUrlEventBridge",
                    emulators.eventBridgeEndpoint().toString());
        }
        if (emulators.snsEndpoint() != null) {
            properties.put("aws.endpointUrlSns", emulators.snsEndpoint().toString());
            properties.put(
                    "aws.endpointUrlCognitoIdentityProvider",
                    emulators.cognitoEndpoint().toString());
        }
        return properties;
    }

    /** The run-wide state: started emulators, or why there are none. Closed by JUnit at the end of the run. */
    static final class Shared implements AutoCloseable {
        private final Emulators emulators;
        private final RuntimeException failure;
        private final String skipReason;
        private final Map<String, String> previousProperties = new LinkedHashMap<>();

        Shared() {
            Emulators started = null;
            RuntimeException failed = null;
            String skip = null;
            try {
                if ("localstack"
                        .equalsIgnoreCase(
                                System.getProperty(BACKEND_PROPERTY, "").trim())) {
                    LocalStackBackend.Result result = LocalStackBackend.start();
                    started = result.emulators();
                    skip = result.skipReason();
                } else {
                    started = Emulators.builder()
                            .notifications(Boolean.getBoolean(NOTIFICATIONS_PROPERTY))
                            .start();
                }
                if (started != null) {
                    setProperties(systemProperties(started));
                    for (EmulatorSetup setup : ServiceLoader.load(EmulatorSetup.class, classLoader())) {
                        try {
                            setup.setUp(started);
                        } catch (Exception e) {
                            throw new IllegalStateException(
                                    "EmulatorSetup " + setup.getClass().getName() + " failed", e);
                        }
                    }
                }
            } catch (RuntimeException | Error e) {
                failed =
                        e instanceof RuntimeException r ? r : new IllegalStateException("emulators failed to start", e);
                if (started != null) {
                    started.close();
                    restoreProperties();
                    started = null;
                }
            }
            this.emulators = started;
            this.failure = failed;
            this.skipReason = skip;
        }

        Emulators emulators() {
            if (failure != null) {
                throw new IllegalStateException(
                        "The AWS emulators failed to start for this test run: " + failure, failure);
            }
            if (emulators == null) {
                throw new TestAbortedException(skipReason);
            }
            return emulators;
        }

        private void setProperties(Map<String, String> properties) {
            properties.forEach((name, value) -> {
                previousProperties.put(name, System.getProperty(name));
                System.setProperty(name, value);
            });
        }

        private void restoreProperties() {
            previousProperties.forEach((name, value) -> {
                if (value == null) {
                    System.clearProperty(name);
                } else {
                    System.setProperty(name, value);
                }
            });
            previousProperties.clear();
        }

        private static ClassLoader classLoader() {
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            return context != null ? context : EmulatorsExtension.class.getClassLoader();
        }

        @Override
        public void close() {
            if (emulators != null) {
                emulators.close();
                restoreProperties();
            }
        }
    }
}
