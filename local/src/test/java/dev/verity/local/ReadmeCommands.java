package dev.verity.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README's commands that {@link ReadmeCommandsIT} runs: the shell blocks marked with {@value #MARKER} on the line
 * before their opening fence, split into commands as bash would read them (a {@code \} at a line's end and a quoted
 * string over several lines continue a command; comment lines and trailing comments are left out), and the README's
 * placeholders for what {@code verity up} prints, filled in from a running runtime's {@code runtime.json}.
 */
final class ReadmeCommands {

    static final String MARKER = "<!-- readme-test -->";

    private static final Pattern FENCE_OPENING = Pattern.compile("(\\s*)```(sh|bash|shell)\\s*");

    /**
     * What is left of a README placeholder once the known ones are filled: {@code <words>}, the default API port, the
     * repository's own state directory.
     */
    private static final Pattern UNFILLED =
            Pattern.compile("<[A-Za-z](?:[^<>]*[^\\s<>])?>|:8700\\b|(?<![\\w/.-])\\.verity\\b");

    private ReadmeCommands() {}

    /** One command: the README line it starts on, and its text. */
    record Command(int line, String text) {}

    /** A marked block: the line of its opening fence, and its commands in order. */
    record Block(int line, List<Command> commands) {}

    /** The repository's root: the nearest folder, from the working directory up, with README.md and ./verity. */
    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("README.md")) && Files.isRegularFile(d.resolve("verity"))) {
                return d;
            }
        }
        throw new IllegalStateException("no folder with README.md and ./verity from " + dir + " up");
    }

    /** The marked shell blocks, in order. */
    static List<Block> markedBlocks(String markdown) {
        List<String> lines = markdown.lines().toList();
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).strip().equals(MARKER)) {
                continue;
            }
            int fence = i + 1;
            Matcher opening = fence < lines.size() ? FENCE_OPENING.matcher(lines.get(fence)) : null;
            if (opening == null || !opening.matches()) {
                throw new IllegalArgumentException("README line " + (i + 1) + ": " + MARKER
                        + " must be on the line right before a ```sh or ```bash block");
            }
            String indent = opening.group(1);
            List<String> body = new ArrayList<>();
            int end = fence + 1;
            while (end < lines.size() && !lines.get(end).strip().startsWith("```")) {
                String line = lines.get(end);
                body.add(line.startsWith(indent) ? line.substring(indent.length()) : line.stripLeading());
                end++;
            }
            if (end == lines.size()) {
                throw new IllegalArgumentException("README line " + (fence + 1) + ": the marked block is not closed");
            }
            blocks.add(new Block(fence + 1, commands(body, fence + 2)));
            i = end;
        }
        return blocks;
    }

    /** Splits a block's lines ({@code firstLine}: the README line of the first) into commands. */
    static List<Command> commands(List<String> lines, int firstLine) {
        List<Command> commands = new ArrayList<>();
        StringBuilder command = new StringBuilder();
        int start = 0;
        char quote = 0; // the quote a string that goes on to the next line opened, or 0
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (command.isEmpty() && quote == 0) {
                if (line.isBlank() || line.strip().startsWith("#")) {
                    continue;
                }
                start = firstLine + i;
            }
            StringBuilder kept = new StringBuilder();
            boolean continued = false;
            for (int c = 0; c < line.length(); c++) {
                char ch = line.charAt(c);
                if (quote == '\'') {
                    quote = ch == '\'' ? 0 : quote;
                } else if (ch == '\\' && c == line.length() - 1) {
                    continued = quote == 0;
                    if (!continued) {
                        kept.append(ch); // inside "…", bash drops it with the newline too, but keep the text as written
                    }
                    break;
                } else if (ch == '\\') {
                    kept.append(ch);
                    ch = line.charAt(++c);
                } else if (quote == '"') {
                    quote = ch == '"' ? 0 : quote;
                } else if (ch == '\'' || ch == '"') {
                    quote = ch;
                } else if (ch == '#' && (c == 0 || " \t;|&(".indexOf(line.charAt(c - 1)) >= 0)) {
                    break; // a trailing comment
                }
                kept.append(ch);
            }
            command.append(quote != 0 || continued ? kept : kept.toString().stripTrailing());
            if (quote != 0) {
                command.append('\n');
            } else if (!continued) {
                commands.add(new Command(start, command.toString().strip()));
                command.setLength(0);
            }
        }
        if (!command.isEmpty()) {
            throw new IllegalArgumentException("README line " + start + ": the command does not end within its block"
                    + (quote != 0 ? " (an open " + quote + ")" : " (a \\ on its last line)"));
        }
        return commands;
    }

    /**
     * The command with every placeholder filled; a placeholder it does not know (or the default port, or the
     * repository's {@code .verity}, which would reach another runtime than the test's) fails naming it.
     */
    static String fill(Command command, Map<String, String> placeholders) {
        String text = command.text();
        for (Map.Entry<String, String> placeholder : placeholders.entrySet()) {
            text = text.replace(placeholder.getKey(), placeholder.getValue());
        }
        Matcher unfilled = UNFILLED.matcher(text);
        if (unfilled.find()) {
            throw new IllegalArgumentException("README line " + command.line() + ": no value for \"" + unfilled.group()
                    + "\" in: " + command.text() + "\n(ReadmeCommands.placeholders knows " + placeholders.keySet()
                    + ")");
        }
        return text;
    }

    /**
     * The README's placeholders and the values a test runtime gives them, from its {@code runtime.json} and state
     * directory: the one place that maps what the README says {@code verity up} prints to what the test's printed.
     */
    static Map<String, String> placeholders(JsonNode runtimeInfo, Path stateDir) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("http://127.0.0.1:8700/", required(runtimeInfo, "/apiUrl"));
        values.put("<Step Functions URL>", required(runtimeInfo, "/environment/AWS_ENDPOINT_URL_SFN"));
        values.put("<printed ARN>", required(runtimeInfo, "/environment/VERITY_STATE_MACHINE_ARN"));
        values.put(
                "<SNS port>",
                Integer.toString(URI.create(required(runtimeInfo, "/environment/AWS_ENDPOINT_URL_SNS"))
                        .getPort()));
        values.put(".verity/", stateDir.toAbsolutePath() + "/");
        return values;
    }

    /**
     * The environment the README's commands expect beside the user's own (whose {@code AWS_*} and {@code VERITY_*}
     * variables the runner leaves out): the runtime's keys and region, the variables the README's examples use, the
     * test runtime's state directory for {@code ./verity} ({@code VERITY_STATE_DIR}) and the jar it runs without
     * building ({@code VERITY_JAR}); the AWS CLI's and curl's configuration are read from {@code home} (the user's
     * own could point the AWS CLI elsewhere; the runner's {@code .curlrc} there makes an HTTP error fail curl).
     */
    static Map<String, String> environment(JsonNode runtimeInfo, Path stateDir, Path runtimeJar, Path home) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_ACCESS_KEY_ID", required(runtimeInfo, "/systemProperties/aws.accessKeyId"));
        env.put("AWS_SECRET_ACCESS_KEY", required(runtimeInfo, "/systemProperties/aws.secretAccessKey"));
        env.put("AWS_DEFAULT_REGION", required(runtimeInfo, "/region"));
        env.put("API_URL", required(runtimeInfo, "/apiUrl"));
        env.put("ID_TOKEN", required(runtimeInfo, "/requesterToken"));
        env.put("VERITY_STATE_DIR", stateDir.toAbsolutePath().toString());
        env.put("VERITY_JAR", runtimeJar.toAbsolutePath().toString());
        env.put("AWS_CONFIG_FILE", home.resolve("aws-config").toAbsolutePath().toString());
        env.put(
                "AWS_SHARED_CREDENTIALS_FILE",
                home.resolve("aws-credentials").toAbsolutePath().toString());
        env.put("CURL_HOME", home.toAbsolutePath().toString());
        return env;
    }

    private static String required(JsonNode runtimeInfo, String pointer) {
        JsonNode value = runtimeInfo.at(pointer);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new IllegalStateException("runtime.json has no " + pointer + ": " + runtimeInfo);
        }
        return value.asText();
    }
}
