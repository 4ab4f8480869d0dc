package dev.verity.export;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The training formats a job's labels can be exported to, each for the label shapes (Ground Truth output types) it
 * can hold. The file each writes sits at {@code <S3OutputPath>/<job>/exports/<format>/<file>}.
 */
public enum ExportFormat {
    /** COCO object-detection JSON: boxes, or semantic-segmentation masks as RLE or polygons. */
    COCO("coco", "annotations.json", "application/json", Set.of(OutputTypes.BOXES, OutputTypes.MASKS)),
    /** YOLO: a zip of {@code labels/<image>.txt} ({@code class cx cy w h}, normalised) and {@code data.yaml}. */
    YOLO("yolo", "yolo.zip", "application/zip", Set.of(OutputTypes.BOXES)),
    /** Pascal VOC: a zip of {@code Annotations/<image>.xml}, one per image, with its size and boxes. */
    VOC("voc", "voc.zip", "application/zip", Set.of(OutputTypes.BOXES)),
    /** CoNLL-2003: a token per line, {@code token -X- _ B-/I-/O tag}, a blank line between objects. */
    CONLL("conll", "entities.conll", "text/plain; charset=utf-8", Set.of(OutputTypes.ENTITIES)),
    /** spaCy-style JSON lines: {@code {"text": …, "entities": [[start, end, label]]}} in code-point offsets. */
    SPACY("spacy", "entities.jsonl", "application/x-ndjson", Set.of(OutputTypes.ENTITIES)),
    /** CSV, one row per object and label: object, label, class id, confidence, human or machine. */
    CSV(
            "csv",
            "labels.csv",
            "text/csv; charset=utf-8",
            Set.of(
                    OutputTypes.IMAGE_CLASS,
                    OutputTypes.TEXT_CLASS,
                    OutputTypes.IMAGE_MULTI,
                    OutputTypes.TEXT_MULTI,
                    OutputTypes.VERIFICATION));

    private final String id;
    private final String fileName;
    private final String contentType;
    private final Set<String> outputTypes;

    ExportFormat(String id, String fileName, String contentType, Set<String> outputTypes) {
        this.id = id;
        this.fileName = fileName;
        this.contentType = contentType;
        this.outputTypes = outputTypes;
    }

    /** As the API and the CLI spell it, e.g. {@code coco}. */
    public String id() {
        return id;
    }

    public String fileName() {
        return fileName;
    }

    public String contentType() {
        return contentType;
    }

    /** Whether this format can hold labels whose metadata {@code type} is {@code outputType}. */
    public boolean appliesTo(String outputType) {
        return outputTypes.contains(outputType);
    }

    /** The formats that can hold labels of {@code outputType}, in declaration order (maybe none: custom jobs). */
    public static List<ExportFormat> applicableTo(String outputType) {
        return Arrays.stream(values()).filter(f -> f.appliesTo(outputType)).toList();
    }

    /**
     * The format spelled {@code id} (any case) that applies to labels of {@code outputType}.
     *
     * @throws ExportFormatException naming the formats that apply, if {@code id} is unknown or does not apply
     */
    public static ExportFormat of(String id, String outputType, String taskTypeName) {
        List<String> applicable =
                applicableTo(outputType).stream().map(ExportFormat::id).toList();
        String hint = applicable.isEmpty()
                ? "labels of task type " + taskTypeName + " (" + outputType + ") export to no training format"
                : "formats that apply to task type " + taskTypeName + ": " + String.join(", ", applicable);
        if (id == null || id.isBlank()) {
            throw new ExportFormatException("query parameter \"format\" is required; " + hint);
        }
        for (ExportFormat format : values()) {
            if (format.id.equals(id.toLowerCase(Locale.ROOT))) {
                if (!format.appliesTo(outputType)) {
                    throw new ExportFormatException("format \"" + format.id + "\" does not apply; " + hint);
                }
                return format;
            }
        }
        throw new ExportFormatException("unknown export format \"" + id + "\"; " + hint);
    }
}
