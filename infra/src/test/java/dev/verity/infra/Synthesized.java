package dev.verity.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.cxapi.CloudFormationStackArtifact;

/**
 * The stack, synthesized once per test JVM (synthesis spawns node and takes seconds): the same {@link VerityApp#build}
 * the CDK CLI runs, cdk-nag included, with an alarm e-mail so the optional alarm topic is covered too.
 * The Lambda jar comes from {@code -Dverity.lambdaJar} (the infra pom points it at the functions module's jar).
 * {@link #withOidc()} is a second stack, also synthesized once, with an OIDC identity provider configured.
 */
final class Synthesized {

    static final String ALARM_EMAIL = "alarms@example.com";

    static final String OIDC_ISSUER = "https://idp.example.com/oauth2/default";
    static final String OIDC_CLIENT_ID = "verity-labeling";
    static final String OIDC_SECRET_NAME = "verity/oidc-client-secret";
    static final String OIDC_NAME = "AcmeSSO";
    /** The context of {@link #withOidc()}: the three required values and a display name. */
    static final Map<String, Object> OIDC_CONTEXT = Map.of(
            OidcProvider.CONTEXT_ISSUER, OIDC_ISSUER,
            OidcProvider.CONTEXT_CLIENT_ID, OIDC_CLIENT_ID,
            OidcProvider.CONTEXT_CLIENT_SECRET_NAME, OIDC_SECRET_NAME,
            OidcProvider.CONTEXT_NAME, OIDC_NAME);

    private static Synthesized instance;
    private static Synthesized oidcInstance;

    final VerityStack stack;
    final Template template;
    final Path templateFile;
    /** A stand-in for web/dist: index.html, a hashed asset, and the local runtime's config.json (to be replaced). */
    final Path webDist;

    private Synthesized(Map<String, Object> extraContext, String outdirSuffix) {
        Path outdir = outdir(outdirSuffix);
        Map<String, Object> context = new HashMap<>(extraContext);
        context.put(VerityConfig.CONTEXT_ALARM_EMAIL, ALARM_EMAIL);
        App app =
                App.Builder.create().outdir(outdir.toString()).context(context).build();
        webDist = webDist();
        stack = VerityApp.build(app, webDist);
        CloudAssembly assembly = app.synth();
        CloudFormationStackArtifact artifact = assembly.getStackByName(stack.getStackName());
        templateFile = Path.of(artifact.getTemplateFullPath());
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) artifact.getTemplate();
        template = Template.fromJSON(json);
    }

    static final String LOCAL_CONFIG = "{\"apiUrl\": \"\", \"auth\": {\"kind\": \"local\"}}";

    static Path webDist() {
        try {
            Path dist = Files.createTempDirectory("verity-web-dist");
            Files.writeString(dist.resolve(Web.INDEX), "<!doctype html><title>Verity</title><verity-app></verity-app>");
            Files.writeString(dist.resolve(Web.CONFIG), LOCAL_CONFIG);
            Files.writeString(Files.createDirectories(dist.resolve("assets")).resolve("index-abc123.js"), "export {};");
            return dist;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code -Dverity.testCdkOut} (the pom: target/test-cdk.out) plus {@code suffix}, emptied first; else a new temp
     * directory.
     */
    private static Path outdir(String suffix) {
        try {
            String configured = System.getProperty("verity.testCdkOut");
            if (configured == null || configured.isBlank()) {
                return Files.createTempDirectory("verity-cdk-out");
            }
            Path dir = Path.of(configured + suffix);
            if (Files.exists(dir)) {
                try (Stream<Path> paths = Files.walk(dir)) {
                    for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static synchronized Synthesized get() {
        if (instance == null) {
            instance = new Synthesized(Map.of(), "");
        }
        return instance;
    }

    /** The stack with {@link #OIDC_CONTEXT}: an OIDC identity provider federated into the user pool. */
    static synchronized Synthesized withOidc() {
        if (oidcInstance == null) {
            oidcInstance = new Synthesized(OIDC_CONTEXT, "-oidc");
        }
        return oidcInstance;
    }
}
