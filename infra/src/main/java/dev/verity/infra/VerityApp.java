package dev.verity.infra;

import dev.verity.catalog.Catalog;
import dev.verity.catalog.FunctionSpec;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app ({@code infra/cdk.json}): {@code npx aws-cdk@2 deploy [-c stage=dev] [-c alarmEmail=ops@example.com]}.
 * It deploys the functions' Lambda jar and the built web UI ({@code web/dist}, or {@value #WEB_DIST_ENV}).
 * Every synthesis runs the cdk-nag AWS Solutions checks; an unsuppressed finding fails it.
 */
public final class VerityApp {

    private VerityApp() {}

    /** Environment variable, then system property, naming the built web UI folder instead of {@code ../web/dist}. */
    public static final String WEB_DIST_ENV = "VERITY_WEB_DIST";

    public static final String WEB_DIST_PROPERTY = "verity.webDist";

    public static void main(String[] args) {
        App app = new App();
        VerityStack stack = build(app, webDist(System.getenv(WEB_DIST_ENV), System.getProperty(WEB_DIST_PROPERTY)));
        // Only here, not in build(): tests synthesize with a stand-in jar.
        for (FunctionSpec.Bundle bundle : FunctionSpec.Bundle.values()) {
            List<String> missing = missingHandlers(stack.config().jar(bundle), bundle);
            if (!missing.isEmpty()) {
                throw new IllegalStateException(stack.config().jar(bundle) + " lacks the handler classes " + missing
                        + " named by the catalog: rebuild it with mvn -q package -DskipTests");
            }
        }
        app.synth();
    }

    /** The handler classes of the catalog's functions of {@code bundle} that {@code jar} does not contain. */
    static List<String> missingHandlers(Path jar, FunctionSpec.Bundle bundle) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return Catalog.FUNCTIONS.stream()
                    .filter(f -> f.bundle() == bundle)
                    .map(FunctionSpec::handler)
                    .filter(handler -> zip.getEntry(handler.replace('.', '/') + ".class") == null)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Lambda jar " + jar, e);
        }
    }

    /**
     * The built web UI: {@code env}, else {@code property}, else {@code web/dist} beside the working directory
     * ({@code infra/}, where cdk.json runs the app) or under it (the repository root). It must hold
     * {@value Web#INDEX}, or synthesis stops saying how to build it.
     */
    static Path webDist(String env, String property) {
        Path dist;
        if (env != null && !env.isBlank()) {
            dist = Path.of(env.trim());
        } else if (property != null && !property.isBlank()) {
            dist = Path.of(property.trim());
        } else {
            dist = Stream.of(Path.of("..", "web", "dist"), Path.of("web", "dist"))
                    .filter(dir -> Files.isRegularFile(dir.resolve(Web.INDEX)))
                    .findFirst()
                    .orElse(Path.of("..", "web", "dist"));
        }
        if (!Files.isRegularFile(dist.resolve(Web.INDEX))) {
            throw new IllegalStateException("build the web UI first: cd web && npm ci && npm run build (no "
                    + Web.INDEX + " in " + dist.toAbsolutePath().normalize() + "; or point " + WEB_DIST_ENV
                    + " at a built dist folder)");
        }
        return dist;
    }

    /** Adds the Verity stack, configured from the app's context, with the web UI in {@code webDist}, and the cdk-nag checks to {@code app}. */
    public static VerityStack build(App app, Path webDist) {
        // Server access logs delivered under a bucket policy, so the log bucket can keep ACLs disabled
        // (BucketOwnerEnforced). Set here rather than in cdk.json so tests synthesize what the CLI deploys.
        app.getNode().setContext("@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy", true);
        VerityConfig config = VerityConfig.fromContext(app.getNode());
        String account = System.getenv("CDK_DEFAULT_ACCOUNT");
        String region = System.getenv("CDK_DEFAULT_REGION");
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("app", "verity");
        if (config.stage() != null) {
            tags.put("stage", config.stage());
        }
        // Stack tags: CloudFormation propagates them to every resource that supports tags at deploy time.
        StackProps.Builder props = StackProps.builder()
                .description("Verity: serverless data labeling (Ground Truth compatible)")
                .tags(tags);
        if (account != null && region != null) {
            props.env(Environment.builder().account(account).region(region).build());
        }
        VerityStack stack = new VerityStack(
                app, config.stage() == null ? "Verity" : "Verity-" + config.stage(), props.build(), config, webDist);
        Aspects.of(app)
                .add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        return stack;
    }
}
