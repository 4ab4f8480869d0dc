package dev.verity.infra;

import dev.verity.catalog.Catalog;
import dev.verity.catalog.FunctionSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import software.constructs.Node;

/**
 * Deployment settings: CDK context values ({@code -c stage=dev -c alarmEmail=ops@example.com
 * -c corsAllowedOrigins=https://a.example,https://b.example -c customLambdaPrefix=acme-labeling-}) and the Lambda jars.
 *
 * @param stage              optional stage name; when set, physical names get it (so stages can share an account)
 * @param alarmEmail         optional address subscribed to the alarm topic; no topic without it
 * @param corsAllowedOrigins origins allowed besides the web UI's own CloudFront origin (none by default), e.g. a
 *                           UI dev server; the HTTP API and the data bucket answer CORS requests from all of them
 * @param customLambdaPrefix the prefix the names of requesters' own Lambdas (custom task types) must carry, the only
 *                           functions Verity may invoke for them; {@link Catalog#DEFAULT_CUSTOM_LAMBDA_PREFIX} by
 *                           default. It may not cover a Verity function name of any stage.
 * @param lambdaJar          the shaded jar of the functions module, deployed to the core functions
 * @param modelsJar          the shaded jar of the models module (the core plus the machine-learning libraries),
 *                           deployed to the functions that train and apply models ({@link FunctionSpec.Bundle#MODELS})
 * @param oidc               the workforce's own OIDC identity provider, federated into the user pool, or null
 *                           ({@code -c oidcIssuer=... -c oidcClientId=... -c oidcClientSecretName=...})
 */
public record VerityConfig(
        String stage,
        String alarmEmail,
        List<String> corsAllowedOrigins,
        String customLambdaPrefix,
        Path lambdaJar,
        Path modelsJar,
        OidcProvider oidc) {

    /** System properties naming the Lambda jars (the infra pom sets them for tests and {@code exec:java}). */
    public static final String LAMBDA_JAR_PROPERTY = "verity.lambdaJar";

    public static final String MODELS_JAR_PROPERTY = "verity.modelsJar";
    public static final String CONTEXT_STAGE = "stage";
    public static final String CONTEXT_ALARM_EMAIL = "alarmEmail";
    public static final String CONTEXT_CORS_ORIGINS = "corsAllowedOrigins";
    public static final String CONTEXT_CUSTOM_LAMBDA_PREFIX = "customLambdaPrefix";

    private static final Pattern STAGE = Catalog.STAGE;

    public VerityConfig {
        stage = blankToNull(stage);
        alarmEmail = blankToNull(alarmEmail);
        if (stage != null && !STAGE.matcher(stage).matches()) {
            throw new IllegalArgumentException(
                    "stage must match " + STAGE + " (it becomes part of resource names): " + stage);
        }
        if (alarmEmail != null && !alarmEmail.matches("[^@\\s]+@[^@\\s]+")) {
            throw new IllegalArgumentException("alarmEmail is not an e-mail address: " + alarmEmail);
        }
        if (stage != null && Catalog.isReservedStage(stage)) {
            throw new IllegalArgumentException("stage " + stage + " is reserved: its function names would start with "
                    + Catalog.DEFAULT_CUSTOM_LAMBDA_PREFIX + ", the default prefix of requesters' own Lambdas");
        }
        customLambdaPrefix = customLambdaPrefix == null || customLambdaPrefix.isBlank()
                ? Catalog.DEFAULT_CUSTOM_LAMBDA_PREFIX
                : customLambdaPrefix.trim();
        // Verity invokes whatever the prefix covers: never one of its own functions, in this stage or another.
        Catalog.customLambdaPrefixProblem(customLambdaPrefix).ifPresent(problem -> {
            throw new IllegalArgumentException(CONTEXT_CUSTOM_LAMBDA_PREFIX + ": " + problem);
        });
        corsAllowedOrigins = corsAllowedOrigins == null ? List.of() : List.copyOf(corsAllowedOrigins);
        requireJar("functions", lambdaJar, LAMBDA_JAR_PROPERTY);
        requireJar("models", modelsJar, MODELS_JAR_PROPERTY);
    }

    /** A configuration without an identity provider of the workforce's own. */
    public VerityConfig(
            String stage,
            String alarmEmail,
            List<String> corsAllowedOrigins,
            String customLambdaPrefix,
            Path lambdaJar,
            Path modelsJar) {
        this(stage, alarmEmail, corsAllowedOrigins, customLambdaPrefix, lambdaJar, modelsJar, null);
    }

    private static void requireJar(String module, Path jar, String property) {
        if (jar == null || !Files.isRegularFile(jar)) {
            throw new IllegalStateException("The " + module + " Lambda jar is missing"
                    + (jar == null ? "" : " at " + jar.toAbsolutePath().normalize())
                    + ": run mvn -pl " + module + " -am package first (or mvn -q package -DskipTests at the top level),"
                    + " or point -D" + property + "=... at the jar");
        }
    }

    /** The jar a function runs from. */
    public Path jar(FunctionSpec.Bundle bundle) {
        return bundle == FunctionSpec.Bundle.MODELS ? modelsJar : lambdaJar;
    }

    /**
     * Reads the context values of {@code node} (the app's), the OIDC provider's among them ({@link
     * OidcProvider#fromContext}), and the jar from {@link #LAMBDA_JAR_PROPERTY}.
     */
    public static VerityConfig fromContext(Node node) {
        String origins = blankToNull(string(node.tryGetContext(CONTEXT_CORS_ORIGINS)));
        return new VerityConfig(
                string(node.tryGetContext(CONTEXT_STAGE)),
                string(node.tryGetContext(CONTEXT_ALARM_EMAIL)),
                origins == null
                        ? List.of()
                        : Arrays.stream(origins.split(","))
                                .map(String::trim)
                                .filter(s -> !s.isEmpty())
                                .toList(),
                string(node.tryGetContext(CONTEXT_CUSTOM_LAMBDA_PREFIX)),
                defaultJar("functions", LAMBDA_JAR_PROPERTY),
                defaultJar("models", MODELS_JAR_PROPERTY),
                OidcProvider.fromContext(node::tryGetContext).orElse(null));
    }

    /**
     * The jar named by {@code property}, else {@code <module>/target/verity-<module>-*-lambda.jar} beside the working
     * directory ({@code infra/}, where cdk.json runs the app) or under it (the repository root).
     */
    static Path defaultJar(String module, String property) {
        String configured = blankToNull(System.getProperty(property));
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path dir : List.of(Path.of("..", module, "target"), Path.of(module, "target"))) {
            if (Files.isDirectory(dir)) {
                try (var files = Files.list(dir)) {
                    var jar = files.filter(
                                    p -> p.getFileName().toString().matches("verity-" + module + "-.*-lambda\\.jar"))
                            .findFirst();
                    if (jar.isPresent()) {
                        return jar.get();
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }
        return Path.of("..", module, "target", "verity-" + module + "-<version>-lambda.jar");
    }

    /**
     * The origins browsers may call the API and the data bucket from: the web UI's, then the configured ones; just
     * {@code *} when that is configured (a wildcard beside named origins would add nothing).
     */
    public List<String> allowedOrigins(String webOrigin) {
        if (corsAllowedOrigins.contains("*")) {
            return List.of("*");
        }
        List<String> origins = new ArrayList<>();
        origins.add(webOrigin);
        corsAllowedOrigins.stream().filter(o -> !o.equals(webOrigin)).forEach(origins::add);
        return List.copyOf(origins);
    }

    /** {@code base} for the default stage, {@code base-stage} otherwise. */
    public String physicalName(String base) {
        return stage == null ? base : base + "-" + stage;
    }

    /** Prefix of every function name: {@code verity} or {@code verity-stage}. */
    public String functionNamePrefix() {
        return physicalName(Catalog.FUNCTION_NAME_PREFIX.substring(0, Catalog.FUNCTION_NAME_PREFIX.length() - 1));
    }

    /** Prefix of the per-job task queue names the functions create at runtime. */
    public String taskQueuePrefix() {
        return stage == null ? Catalog.TASK_QUEUE_PREFIX : Catalog.TASK_QUEUE_PREFIX + stage + "-";
    }

    /** Prefix of the streaming jobs' intake queue names the functions create at runtime. */
    public String intakeQueuePrefix() {
        return stage == null ? Catalog.INTAKE_QUEUE_PREFIX : Catalog.INTAKE_QUEUE_PREFIX + stage + "-";
    }

    private static String string(Object value) {
        return value == null ? null : value.toString();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
