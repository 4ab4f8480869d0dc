package dev.verity.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.json.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadmeCommandsTest {

    private static final String README = """
            # Tool

            ```sh
            make everything   # not marked
            ```

            <!-- readme-test -->
            ```sh
            # a comment line
            ./verity jobs list          # or: describe NAME; it's the "list"
            curl -H 'a: b' \\
              http://127.0.0.1:8700/jobs
            ```

            ```json
            {"not": "a command"}
            ```

            1. In a list:

               <!-- readme-test -->
               ```bash
               curl -d '{
                 "Name": "it #1"}' "${API_URL}teams"
               ```
            """;

    private static final JsonNode RUNTIME_INFO = Json.parse("""
            {"apiUrl": "http://127.0.0.1:41234/", "region": "us-east-1", "requesterToken": "tok",
             "environment": {"AWS_ENDPOINT_URL_SFN": "http://127.0.0.1:41240",
                             "AWS_ENDPOINT_URL_SNS": "http://127.0.0.1:41250",
                             "VERITY_STATE_MACHINE_ARN": "arn:aws:states:us-east-1:000000000000:stateMachine:verity"},
             "systemProperties": {"aws.accessKeyId": "test", "aws.secretAccessKey": "test"}}
            """);

    @Test
    void onlyTheMarkedShellBlocksAreTakenInTheirOrderWithTheLineOfTheirFence() {
        List<ReadmeCommands.Block> blocks = ReadmeCommands.markedBlocks(README);

        assertThat(blocks).extracting(ReadmeCommands.Block::line).containsExactly(8, 22);
    }

    @Test
    void commentsAreLeftOutAndABackslashAtALinesEndContinuesTheCommand() {
        List<ReadmeCommands.Command> commands =
                ReadmeCommands.markedBlocks(README).get(0).commands();

        assertThat(commands)
                .containsExactly(
                        new ReadmeCommands.Command(10, "./verity jobs list"),
                        new ReadmeCommands.Command(11, "curl -H 'a: b'   http://127.0.0.1:8700/jobs"));
    }

    @Test
    void aQuotedStringOverSeveralLinesStaysInOneCommandWithItsHashAndNewline() {
        List<ReadmeCommands.Command> commands =
                ReadmeCommands.markedBlocks(README).get(1).commands();

        assertThat(commands)
                .containsExactly(
                        new ReadmeCommands.Command(23, "curl -d '{\n  \"Name\": \"it #1\"}' \"${API_URL}teams\""));
    }

    @Test
    void aMarkerThatIsNotRightBeforeAShellBlockFailsNamingItsLine() {
        assertThatThrownBy(() -> ReadmeCommands.markedBlocks("text\n<!-- readme-test -->\n\n```sh\nls\n```\n"))
                .hasMessageContaining("README line 2");
    }

    @Test
    void aCommandWhoseQuoteNeverClosesFailsNamingItsLine() {
        assertThatThrownBy(() -> ReadmeCommands.markedBlocks("<!-- readme-test -->\n```sh\necho 'open\n```\n"))
                .hasMessageContaining("README line 3")
                .hasMessageContaining("an open '");
    }

    @Test
    void thePlaceholdersForWhatVerityUpPrintsAreFilledFromRuntimeJson() {
        Map<String, String> placeholders = ReadmeCommands.placeholders(RUNTIME_INFO, Path.of("/tmp/state"));

        assertThat(ReadmeCommands.fill(
                        new ReadmeCommands.Command(
                                1,
                                "aws --endpoint-url <Step Functions URL> stepfunctions list-executions"
                                        + " --state-machine-arn <printed ARN>"),
                        placeholders))
                .isEqualTo("aws --endpoint-url http://127.0.0.1:41240 stepfunctions list-executions"
                        + " --state-machine-arn arn:aws:states:us-east-1:000000000000:stateMachine:verity");
        assertThat(ReadmeCommands.fill(
                        new ReadmeCommands.Command(
                                2,
                                "curl -H \"s: $(cat .verity/sign-in-secret)\" http://127.0.0.1:8700/local-auth/token"),
                        placeholders))
                .isEqualTo("curl -H \"s: $(cat /tmp/state/sign-in-secret)\" http://127.0.0.1:41234/local-auth/token");
        assertThat(ReadmeCommands.fill(new ReadmeCommands.Command(3, "SNS=http://127.0.0.1:<SNS port>"), placeholders))
                .isEqualTo("SNS=http://127.0.0.1:41250");
    }

    @Test
    void aPlaceholderThatIsNotKnownFailsNamingItAndItsLine() {
        Map<String, String> placeholders = ReadmeCommands.placeholders(RUNTIME_INFO, Path.of("/tmp/state"));

        assertThatThrownBy(() -> ReadmeCommands.fill(
                        new ReadmeCommands.Command(7, "aws sns publish --topic-arn <that ARN>"), placeholders))
                .hasMessageContaining("README line 7")
                .hasMessageContaining("\"<that ARN>\"");
    }

    @Test
    void theDefaultPortOrTheRepositorysStateDirectoryLeftInACommandFailsAsAnUnknownPlaceholder() {
        Map<String, String> placeholders = ReadmeCommands.placeholders(RUNTIME_INFO, Path.of("/tmp/state"));

        assertThatThrownBy(() -> ReadmeCommands.fill(
                        new ReadmeCommands.Command(8, "curl http://localhost:8700/jobs"), placeholders))
                .hasMessageContaining("\":8700\"");
        assertThatThrownBy(() -> ReadmeCommands.fill(
                        new ReadmeCommands.Command(9, "./verity jobs list --state-dir .verity"), placeholders))
                .hasMessageContaining("\".verity\"");
    }

    @Test
    void theCommandsGetTheRuntimesKeysRegionStateDirectoryAndJar() {
        Map<String, String> env = ReadmeCommands.environment(
                RUNTIME_INFO, Path.of("/tmp/state"), Path.of("/tmp/verity-runtime.jar"), Path.of("/tmp/home"));

        assertThat(env)
                .containsEntry("AWS_ACCESS_KEY_ID", "test")
                .containsEntry("AWS_SECRET_ACCESS_KEY", "test")
                .containsEntry("AWS_DEFAULT_REGION", "us-east-1")
                .containsEntry("VERITY_STATE_DIR", "/tmp/state")
                .containsEntry("VERITY_JAR", "/tmp/verity-runtime.jar")
                .containsEntry("API_URL", "http://127.0.0.1:41234/")
                .containsEntry("ID_TOKEN", "tok");
    }
}
