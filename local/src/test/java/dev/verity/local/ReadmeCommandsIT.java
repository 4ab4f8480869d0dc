package dev.verity.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's local commands, run as a reader would: every shell block marked {@value ReadmeCommands#MARKER}, in
 * README order, one command after another with bash from the repository's root, against a fresh {@code verity up}
 * (a child JVM on its own state directory and free port, {@link RuntimeProcess}). The placeholders for what {@code
 * verity up} prints are filled from its {@code runtime.json} ({@link ReadmeCommands#placeholders}); {@code ./verity}
 * is the repository's script, told by {@code VERITY_JAR} to run the runtime jar {@code mvn package} built (and build
 * nothing) and by {@code VERITY_STATE_DIR} to talk to this runtime. Variables a command sets (say {@code export
 * AWS_…} or {@code SNS=…}) are kept for the next ones, as in one shell. Each command is a test of its own, named by
 * its README line, so a run shows which pass; one that fails names its exit code and the tail of its output.
 */
class ReadmeCommandsIT {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(90);
    private static final int OUTPUT_TAIL_LINES = 30;

    @TempDir
    static Path work;

    private static Path root;
    private static Path runtimeJar;
    private static Path stateDir;
    private static RuntimeProcess runtime;
    private static JsonNode info;

    @BeforeAll
    static void startTheRuntime() throws IOException {
        root = ReadmeCommands.repositoryRoot();
        runtimeJar = runtimeJar(root);
        stateDir = Files.createDirectories(work.resolve("state"));
        runtime = RuntimeProcess.start(stateDir, RuntimeProcess.freePort());
        info = runtime.awaitReady();
        Path home = Files.createDirectories(work.resolve("home"));
        // An HTTP error fails curl, as it should here; no progress meter in the output.
        Files.writeString(home.resolve(".curlrc"), "fail-with-body\nsilent\nshow-error\n");
    }

    @AfterAll
    static void stopTheRuntime() throws InterruptedException {
        if (runtime != null) {
            runtime.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> theReadmesMarkedCommandsRunInOrderAgainstAFreshRuntime() throws IOException {
        List<ReadmeCommands.Block> blocks = ReadmeCommands.markedBlocks(Files.readString(root.resolve("README.md")));
        assertThat(blocks).as("README blocks marked " + ReadmeCommands.MARKER).isNotEmpty();
        Map<String, String> placeholders = ReadmeCommands.placeholders(info, stateDir);
        return blocks.stream()
                .flatMap(block -> block.commands().stream())
                .map(command -> DynamicTest.dynamicTest(
                        "README line " + command.line() + ": " + command.text(),
                        () -> run(ReadmeCommands.fill(command, placeholders), command.line())));
    }

    @Test
    void everyVerityCommandTheReadmeNamesIsInTheHelpAndEveryOneInTheHelpIsInTheReadme() throws Exception {
        String readme = Files.readString(root.resolve("README.md"));
        TreeSet<String> inReadme = names(readme, Pattern.compile("(?:\\./|`)verity ([a-z][a-z-]*)"));
        Result help = shell("./verity --help");
        assertThat(help.exitCode()).as(help.output()).isZero();
        TreeSet<String> inHelp = helpCommands(help.output());
        assertThat(inHelp).as("./verity --help's commands").isNotEmpty();
        assertThat(inHelp).as("the commands of ./verity --help").containsAll(inReadme);
        assertThat(inReadme).as("the ./verity commands the README names").containsAll(inHelp);

        TreeSet<String> jobsInReadme = names(readme, Pattern.compile("\\./verity jobs ([a-z][a-z-]*)"));
        assertThat(helpCommands(shell("./verity jobs --help").output()))
                .as("the commands of ./verity jobs --help")
                .containsAll(jobsInReadme);
    }

    /** Runs one README command; fails with its exit code and the tail of its output unless it exits 0. */
    private static void run(String command, int line) throws Exception {
        String program = command.strip().split("\\s+")[0];
        if (!program.contains("/") && !program.contains("=")) {
            assumeTrue(
                    shell("command -v " + program).exitCode() == 0,
                    program + " is not installed here: README line " + line + " not run");
        }
        long started = System.nanoTime();
        Result result = shell(command);
        System.out.printf(
                "ReadmeCommandsIT: README line %d, exit %d in %.1f s: %s%n%s%n",
                line,
                result.exitCode(),
                (System.nanoTime() - started) / 1e9,
                command,
                result.output().lines().limit(3).map(l -> "    " + l).collect(Collectors.joining("\n")));
        if (result.exitCode() != 0) {
            fail("README line " + line + " failed"
                    + (result.exitCode() == Result.TIMED_OUT
                            ? ": no answer in " + COMMAND_TIMEOUT.toSeconds() + " s"
                            : " with exit code " + result.exitCode())
                    + "\n  $ " + command + "\n" + tail(result.output()) + "\n(the runtime's log: "
                    + stateDir.resolve("runtime.log") + ")");
        }
    }

    /**
     * One command in bash, from the repository's root, with the README's environment: the user's own without its
     * {@code AWS_*} and {@code VERITY_*} variables, {@link ReadmeCommands#environment}, and what earlier commands set
     * ({@code set -a} exports every assignment; on exit the exported variables are saved for the next command).
     */
    private static Result shell(String command) throws Exception {
        Path saved = work.resolve("exported.sh");
        String script = "set -a -o pipefail\n"
                + "[ -f \"$README_TEST_SAVED\" ] && . \"$README_TEST_SAVED\"\n"
                + "trap 'export -p > \"$README_TEST_SAVED\"' EXIT\n"
                + command + "\n";
        Path output = Files.createTempFile(work, "command-", ".log");
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", script)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("VERITY_"));
        env.putAll(ReadmeCommands.environment(info, stateDir, runtimeJar, work.resolve("home")));
        env.put("README_TEST_SAVED", saved.toString());
        Process process = builder.start();
        if (!process.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
            return new Result(Result.TIMED_OUT, Files.readString(output));
        }
        return new Result(process.exitValue(), Files.readString(output));
    }

    private record Result(int exitCode, String output) {
        static final int TIMED_OUT = -1;
    }

    /** The runtime jar {@code mvn package} built in {@code local/target}. */
    private static Path runtimeJar(Path root) throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("local/target"))) {
            return files.filter(f -> f.getFileName().toString().matches("verity-local-.*-runtime\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            "no runtime jar in local/target: mvn package builds it before the *IT tests run"));
        }
    }

    /** The command names of a picocli usage message: the lines under "Commands:" that start with two spaces. */
    private static TreeSet<String> helpCommands(String help) {
        TreeSet<String> names = new TreeSet<>();
        int commands = help.indexOf("Commands:");
        if (commands < 0) {
            return names;
        }
        Matcher name = Pattern.compile("(?m)^  ([a-z][a-z-]*)(?:\\s|$)").matcher(help.substring(commands));
        while (name.find()) {
            names.add(name.group(1));
        }
        return names;
    }

    private static TreeSet<String> names(String text, Pattern pattern) {
        TreeSet<String> names = new TreeSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static String tail(String output) {
        List<String> lines = new ArrayList<>(output.lines().toList());
        List<String> tail = lines.subList(Math.max(0, lines.size() - OUTPUT_TAIL_LINES), lines.size());
        return (lines.size() > tail.size() ? "  …\n" : "") + "  " + String.join("\n  ", tail);
    }
}
