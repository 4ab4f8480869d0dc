package dev.verity.bench;

import dev.verity.aws.AwsClients;
import dev.verity.aws.CatalogProvisioner;
import dev.verity.aws.Environment;
import dev.verity.catalog.Catalog;
import dev.verity.catalog.FunctionSpec;
import dev.verity.emulators.Emulators;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Cold start of every function of the catalog: for each, a fresh JVM on the deployed Lambda jar of its bundle runs
 * {@link ColdStartLauncher}, which loads the handler class, constructs it and answers one representative event
 * ({@link ColdStartEvents}) against the embedded emulators; {@code --runs} times, medians reported. With
 * {@code --baseline-core} (and {@code --baseline-models}) the same functions also run on those jars, interleaved with
 * the current ones, so before and after share the machine's load. Writes the {@value #SECTION} section of
 * {@code docs/benchmarks.md} ({@link ColdStartReport}).
 *
 * <pre>
 * mvn -B -ntp -q -pl bench -am package -DskipTests
 * java -cp bench/target/verity-bench-*.jar dev.verity.bench.ColdStartBenchmark
 * </pre>
 *
 * <p>Options: {@code --core <jar>} and {@code --models <jar>} (default: the functions' and the models' module
 * builds), {@code --baseline-core <jar>}, {@code --baseline-models <jar>}, {@code --runs <n>} (default
 * {@value #RUNS}), {@code --out <file>} ({@code -} prints only).
 */
public final class ColdStartBenchmark {

    static final String COMMAND = "java -cp bench/target/verity-bench-*.jar dev.verity.bench.ColdStartBenchmark";
    static final String SECTION = "cold-start";
    static final int RUNS = 3;
    /**
     * Lambda's own JVM options for the java17 and java21 runtimes (C1 only, serial GC, class-data sharing), and its
     * heap: about 85% of the function's memory.
     */
    static final List<String> LAMBDA_JVM_OPTIONS =
            List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto");

    private static final String BUCKET = "verity-coldstart";
    private static final String ACCOUNT = "000000000000";
    private static final List<Class<?>> LAUNCHER = List.of(ColdStartLauncher.class, ColdStartContext.class);

    private ColdStartBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path root = ConsolidationBenchmark.findUp(Path.of("").toAbsolutePath(), Path.of("bench/pom.xml"))
                .getParent()
                .getParent();
        Map<FunctionSpec.Bundle, Path> jars = new EnumMap<>(FunctionSpec.Bundle.class);
        jars.put(FunctionSpec.Bundle.CORE, jar(args, "--core", root.resolve("functions/target"), "verity-functions-"));
        jars.put(FunctionSpec.Bundle.MODELS, jar(args, "--models", root.resolve("models/target"), "verity-models-"));
        Map<FunctionSpec.Bundle, Path> baseline = new EnumMap<>(FunctionSpec.Bundle.class);
        ConsolidationBenchmark.option(args, "--baseline-core")
                .ifPresent(jar -> baseline.put(FunctionSpec.Bundle.CORE, Path.of(jar)));
        ConsolidationBenchmark.option(args, "--baseline-models")
                .ifPresent(jar -> baseline.put(FunctionSpec.Bundle.MODELS, Path.of(jar)));
        int runs = ConsolidationBenchmark.option(args, "--runs")
                .map(Integer::parseInt)
                .orElse(RUNS);
        String out = ConsolidationBenchmark.option(args, "--out").orElse(null);

        Path work = Files.createTempDirectory("verity-coldstart");
        Path launcher = extractLauncher(work.resolve("launcher"));
        ColdStartReport report = new ColdStartReport(jars, baseline);
        try (Emulators emulators = Emulators.start()) {
            Map<String, String> environment = environment(emulators);
            for (int run = 1; run <= runs; run++) {
                for (FunctionSpec function : Catalog.FUNCTIONS) {
                    Path event = work.resolve(function.name() + ".json");
                    Files.writeString(event, ColdStartEvents.event(function.name(), BUCKET), StandardCharsets.UTF_8);
                    Path current = jars.get(function.bundle());
                    report.add(function, false, launch(function, current, launcher, event, environment));
                    Path before = baseline.get(function.bundle());
                    if (before != null) {
                        report.add(function, true, launch(function, before, launcher, event, environment));
                    }
                    System.out.printf("run %d/%d %s%n", run, runs, function.name());
                }
            }
        }

        String section = report.markdown(COMMAND + (args.length == 0 ? "" : " " + String.join(" ", args)), runs);
        MarkdownSections.publish(out, SECTION, section);
    }

    /** The environment the stack gives every function, pointed at the emulators, with the catalog provisioned. */
    private static Map<String, String> environment(Emulators emulators) {
        Map<String, String> settings = new LinkedHashMap<>(emulators.endpointSettings());
        settings.put("AWS_ACCESS_KEY_ID", emulators.accessKeyId());
        settings.put("AWS_SECRET_ACCESS_KEY", emulators.secretAccessKey());
        settings.put("AWS_REGION", emulators.region());
        // the provisioner's clients read their credentials as the SDK does, from system properties here
        System.setProperty("aws.accessKeyId", emulators.accessKeyId());
        System.setProperty("aws.secretAccessKey", emulators.secretAccessKey());
        CatalogProvisioner.Provisioned provisioned =
                new CatalogProvisioner(new AwsClients(new Environment(settings))).provision(BUCKET, ACCOUNT);
        settings.putAll(provisioned.functionEnvironment());
        settings.put("POWERTOOLS_SERVICE_NAME", "verity");
        return settings;
    }

    /** One cold start: a fresh JVM, as Lambda starts it, with nothing but the function's environment. */
    private static ColdStartReport.Phases launch(
            FunctionSpec function, Path jar, Path launcher, Path event, Map<String, String> environment)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(LAMBDA_JVM_OPTIONS);
        command.add("-Xmx" + function.memoryMb() * 85 / 100 + "m");
        command.add("-cp");
        command.add(jar + java.io.File.pathSeparator + launcher);
        command.add(ColdStartLauncher.class.getName());
        command.addAll(List.of(
                function.handler(),
                event.toString(),
                "verity-" + function.name(),
                Integer.toString(function.memoryMb())));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        String path = env.get("PATH");
        env.clear();
        env.put("PATH", path);
        env.putAll(environment);
        env.put("AWS_LAMBDA_FUNCTION_NAME", "verity-" + function.name());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
        long started = System.currentTimeMillis();
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(function.name() + " did not finish in 2 minutes");
        }
        return line(output)
                .map(line -> ColdStartReport.Phases.parse(started, line))
                .orElseThrow(() -> new IllegalStateException(
                        function.name() + " answered nothing (exit " + process.exitValue() + "):\n" + output));
    }

    private static Optional<String> line(String output) {
        return output.lines()
                .filter(l -> l.startsWith(ColdStartLauncher.MARKER + " "))
                .findFirst();
    }

    /**
     * The launcher's classes alone in a directory: with the bench jar on the child's classpath, its copies of the SDK
     * and the rest would stand in for whatever the Lambda jar leaves out.
     */
    private static Path extractLauncher(Path directory) throws IOException {
        for (Class<?> type : LAUNCHER) {
            String resource = type.getName().replace('.', '/') + ".class";
            Path target = directory.resolve(resource);
            Files.createDirectories(target.getParent());
            try (InputStream in = ColdStartBenchmark.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("no " + resource + " on the classpath");
                }
                Files.copy(in, target);
            }
        }
        return directory;
    }

    /** The option's jar, or the one Lambda jar the module's build left in {@code target}. */
    private static Path jar(String[] args, String option, Path target, String prefix) {
        return ConsolidationBenchmark.option(args, option).map(Path::of).orElseGet(() -> {
            try (var files = Files.list(target)) {
                return files.filter(f -> {
                            String name = f.getFileName().toString();
                            return name.startsWith(prefix) && name.endsWith("-lambda.jar");
                        })
                        .findFirst()
                        .orElseThrow(() -> new IllegalStateException(
                                "no " + prefix + "*-lambda.jar in " + target + "; build it or pass " + option));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
