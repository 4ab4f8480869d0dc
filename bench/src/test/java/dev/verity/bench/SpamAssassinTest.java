package dev.verity.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.json.Json;
import dev.verity.manifest.ManifestReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpamAssassinTest {

    @TempDir
    Path dir;

    @Test
    void labelsSpamGroupsSpamAndHamGroupsHamInTheListsOrder() throws Exception {
        message("spam-2/00001.abc.txt", "Subject: WIN\n\nmoney".getBytes(StandardCharsets.UTF_8));
        message("easy-ham-1/00001.def.txt", "Subject: lunch?\n\nat noon".getBytes(StandardCharsets.UTF_8));
        message("hard-ham-1/00001.ghi.txt", "Subject: newsletter\n\nsale".getBytes(StandardCharsets.UTF_8));
        list("spam-2/00001.abc.txt", "easy-ham-1/00001.def.txt", "hard-ham-1/00001.ghi.txt");

        LabelingDataset dataset = SpamAssassin.load(dir);

        assertThat(dataset.taskType()).isEqualTo("TextMultiClass");
        assertThat(dataset.algorithm()).isEqualTo("text-classification");
        assertThat(dataset.labels()).containsExactly("ham", "spam");
        assertThat(dataset.items())
                .extracting(LabelingDataset.Item::truth)
                .containsExactly(SpamAssassin.SPAM, SpamAssassin.HAM, SpamAssassin.HAM);
        assertThat(dataset.items().get(1).text()).isEqualTo("Subject: lunch?\n\nat noon");
        assertThat(dataset.notes().get(0)).contains("3: 1 spam, 2 ham; spam-2 1, easy-ham-1 1, hard-ham-1 1");
    }

    @Test
    void decodesMalformedUtf8AsReplacementCharactersAndCountsThoseMessages() throws Exception {
        message("spam-1/1.txt", new byte[] {'c', 'a', 'f', (byte) 0xE9, '!'}); // ISO-8859-1 "café!"
        message("easy-ham-1/2.txt", "café".getBytes(StandardCharsets.UTF_8));
        list("spam-1/1.txt", "easy-ham-1/2.txt");

        LabelingDataset dataset = SpamAssassin.load(dir);

        assertThat(dataset.items().get(0).text()).isEqualTo("caf\uFFFD!");
        assertThat(dataset.items().get(1).text()).isEqualTo("café");
        assertThat(dataset.notes().get(1)).contains("(in 1 of the messages)");
    }

    @Test
    void cutsAMessageLongerThanAManifestAttributeAndSaysHowMany() throws Exception {
        String longText = "x".repeat(ManifestReader.MAX_ATTRIBUTE_CHARS + 5);
        message("spam-1/long.txt", longText.getBytes(StandardCharsets.UTF_8));
        message("easy-ham-1/short.txt", "short".getBytes(StandardCharsets.UTF_8));
        list("spam-1/long.txt", "easy-ham-1/short.txt");

        LabelingDataset dataset = SpamAssassin.load(dir);

        assertThat(dataset.items().get(0).text()).hasSize(ManifestReader.MAX_ATTRIBUTE_CHARS);
        assertThat(dataset.notes().get(2))
                .startsWith("1 of the messages were longer than 20,000 characters")
                .contains("the longest has 20,005");
    }

    @Test
    void neverSplitsASurrogatePairWhenCutting() {
        String text = "a".repeat(ManifestReader.MAX_ATTRIBUTE_CHARS - 1) + "\uD83D\uDE00" + "tail";

        String fitted = SpamAssassin.fit(text);

        assertThat(fitted).hasSize(ManifestReader.MAX_ATTRIBUTE_CHARS - 1);
        assertThat(Character.isHighSurrogate(fitted.charAt(fitted.length() - 1)))
                .isFalse();
    }

    @Test
    void keepsTheWholeManifestLineWithinItsLimitWhenEscapesLengthenIt() {
        String controls = "\u0001".repeat(ManifestReader.MAX_ATTRIBUTE_CHARS); // each written as \u0001

        String fitted = SpamAssassin.fit(controls);

        assertThat(Json.write(Json.object().put("source", fitted)).length())
                .isLessThanOrEqualTo(ManifestReader.MAX_OBJECT_CHARS);
        assertThat(fitted.length()).isGreaterThan(ManifestReader.MAX_OBJECT_CHARS / 6 - 10);
    }

    @Test
    void refusesAGroupThatIsNeitherSpamNorHam() throws Exception {
        message("other/1.txt", "hello".getBytes(StandardCharsets.UTF_8));
        list("other/1.txt");

        assertThatThrownBy(() -> SpamAssassin.load(dir)).hasMessageContaining("neither spam-* nor *-ham-*");
    }

    private void message(String relative, byte[] bytes) throws Exception {
        Path file = dir.resolve("data").resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    private void list(String... files) throws Exception {
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/file_list.json"), Json.write(List.of(files)));
    }
}
