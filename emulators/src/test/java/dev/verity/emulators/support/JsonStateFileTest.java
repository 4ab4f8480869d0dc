package dev.verity.emulators.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonStateFileTest {
    @TempDir
    Path dir;

    @Test
    void readsTheFallbackUntilTheFirstWriteAndTheDocumentAfter() {
        JsonStateFile file = new JsonStateFile(dir.resolve("sub"), "state.json", "the test state");
        assertThat(Files.isDirectory(dir.resolve("sub"))).isTrue();
        assertThat(file.read(root -> "parsed", "absent")).isEqualTo("absent");

        ObjectNode root = JsonStateFile.object();
        root.set("tags", JsonStateFile.tree(Map.of("team", "red")));
        file.write(root);

        assertThat(file.read(r -> JsonStateFile.strings(r.get("tags")), Map.of()))
                .isEqualTo(Map.of("team", "red"));
    }

    @Test
    void onlyItsOwnerMayReadTheFile() throws Exception {
        JsonStateFile file = new JsonStateFile(dir, "state.json", "the test state");
        file.write(JsonStateFile.object());

        Path written = dir.resolve("state.json");
        if (Files.getFileStore(written).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(written)))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void saysWhatCouldNotBeReadAndWhere() throws Exception {
        Files.writeString(dir.resolve("broken.json"), "{not json");
        JsonStateFile broken = new JsonStateFile(dir, "broken.json", "the test state");

        assertThatThrownBy(() -> broken.read(root -> root, null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot read the test state in " + dir.resolve("broken.json") + ": ");

        Files.writeString(dir.resolve("partial.json"), "{}");
        JsonStateFile partial = new JsonStateFile(dir, "partial.json", "the test state");
        assertThatThrownBy(() -> partial.read(root -> root.get("missing").asText(), null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot read the test state in ")
                .hasCauseInstanceOf(NullPointerException.class);
    }
}
