package dev.verity.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CoNLL-2003 named entities: {@code -DOCSTART- -X- -X- O} and a blank line, then each labeled object's text as one
 * sentence, a token per line in CoNLL-2003's four space-separated columns {@code token POS chunk NER} (Verity knows
 * no part of speech or chunk: {@code -X-} and {@code _}), sentences separated by a blank line. Tokens are runs of
 * letters, digits and underscores, or single other non-space characters. The NER column is IOB2: {@code B-<label>}
 * on an entity's first token, {@code I-<label>} on the next ones, {@code O} elsewhere; a token counts as in an entity
 * if any of its characters is (spaces in a label become underscores, as the columns are space-separated).
 */
final class ConllWriter {

    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}\\p{M}_]+|\\S");

    private final ExportJob job;

    ConllWriter(ExportJob job) {
        this.job = job;
    }

    ExportCounts write(ManifestLines manifest, OutputStream out) throws IOException {
        long[] counts = new long[2];
        Writer text = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        text.write("-DOCSTART- -X- -X- O\n\n");
        manifest.forEach((lineNo, line) -> {
            Optional<Labeled> labeled = Labeled.of(lineNo, line, job.labelAttribute());
            if (labeled.isEmpty() || labeled.get().source() == null) {
                counts[1]++;
                return;
            }
            counts[0]++;
            text.write(sentence(
                    labeled.get().source(),
                    EntityLabel.read(labeled.get().value(), labeled.get().source())));
        });
        text.flush();
        return new ExportCounts(counts[0], counts[1]);
    }

    /** One object's lines, ending with a blank line; nothing for a text without a token. */
    static String sentence(String source, EntityLabel label) {
        StringBuilder out = new StringBuilder();
        Matcher token = TOKEN.matcher(source);
        int previousEntity = -1;
        while (token.find()) {
            int entity = entityOf(label, token.start(), token.end());
            String tag;
            if (entity < 0) {
                tag = "O";
            } else {
                String name = label.entities().get(entity).label().replaceAll("\\s", "_");
                tag = (entity == previousEntity ? "I-" : "B-") + name;
            }
            previousEntity = entity;
            out.append(token.group()).append(" -X- _ ").append(tag).append('\n');
        }
        if (!out.isEmpty()) {
            out.append('\n');
        }
        return out.toString();
    }

    /** The index of the first entity that overlaps [start, end), or -1. */
    private static int entityOf(EntityLabel label, int start, int end) {
        for (int i = 0; i < label.entities().size(); i++) {
            EntityLabel.Entity e = label.entities().get(i);
            if (e.start() < end && start < e.end()) {
                return i;
            }
        }
        return -1;
    }
}
