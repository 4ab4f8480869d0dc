package dev.verity.tasktype;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Writes a label into a manifest line the way Ground Truth's built-in task types do, human or machine. */
final class LabelWriter {

    // Ground Truth writes UTC with microseconds and no zone suffix, e.g. 2018-10-18T22:18:13.527256.
    private static final DateTimeFormatter CREATION_DATE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    private LabelWriter() {}

    static void write(
            ObjectNode line,
            String labelAttributeName,
            ConsolidatedLabel label,
            String outputType,
            String jobName,
            Instant creationDate) {
        ObjectNode metadata = label.metadata().deepCopy();
        metadata.put("type", outputType);
        metadata.put("job-name", "labeling-job/" + jobName);
        metadata.put("human-annotated", label.human() ? "yes" : "no");
        metadata.put("creation-date", creationDate(creationDate));
        line.set(labelAttributeName, label.value().deepCopy());
        line.set(labelAttributeName + "-metadata", metadata);
    }

    /** Ground Truth's form of a creation date, e.g. {@code 2018-10-18T22:18:13.527256}. */
    static String creationDate(Instant creationDate) {
        return CREATION_DATE.format(creationDate);
    }
}
