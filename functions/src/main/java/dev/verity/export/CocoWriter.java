package dev.verity.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;

/**
 * COCO JSON ({@code info}, {@code licenses}, {@code images}, {@code annotations}, {@code categories}), written as it
 * reads, in two passes over the manifest (images, then annotations), so neither list is ever held.
 *
 * <p>Categories are the job's, in class order, with id = class index + 1 (COCO's ids start at 1; for a segmentation
 * job that is the mask's colour-map index). An image's id is its line number in the output manifest, its
 * {@code file_name} the object's S3 key and {@code source_ref} its S3 URI. Boxes become {@code bbox} {@code [x, y,
 * width, height]} in pixels with {@code segmentation: []}; a mask becomes one annotation per class it holds, its
 * {@code segmentation} the class's pixels as uncompressed RLE ({@code {"counts": […], "size": [h, w]}},
 * column-major) or as polygons. Each annotation carries Verity's {@code attributes}: confidence and who labeled it.
 */
final class CocoWriter {

    /** How a mask's pixels are given. */
    enum Masks {
        RLE,
        POLYGONS
    }

    private final ExportJob job;
    private final MaskSource masks;
    private final Masks encoding;
    private final Clock clock;

    CocoWriter(ExportJob job, MaskSource masks, Masks encoding, Clock clock) {
        this.job = job;
        this.masks = masks;
        this.encoding = encoding;
        this.clock = clock;
    }

    ExportCounts write(ManifestLines manifest, OutputStream out) throws IOException {
        boolean segmentation = OutputTypes.MASKS.equals(job.outputType());
        long[] counts = new long[2];
        try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.writeStartObject();
            ZonedDateTime now = ZonedDateTime.now(clock).withZoneSameInstant(ZoneOffset.UTC);
            json.writeObjectFieldStart("info");
            json.writeStringField("description", "Labels of Verity labeling job " + job.name());
            json.writeStringField("version", "1.0");
            json.writeNumberField("year", now.getYear());
            json.writeStringField("contributor", "Verity");
            json.writeStringField("date_created", now.toLocalDate().toString());
            json.writeEndObject();
            json.writeArrayFieldStart("licenses");
            json.writeEndArray();

            json.writeArrayFieldStart("images");
            manifest.forEach((lineNo, line) -> {
                Optional<Labeled> labeled = Labeled.of(lineNo, line, job.labelAttribute());
                if (labeled.isEmpty() || labeled.get().sourceRef() == null) {
                    counts[1]++;
                    return;
                }
                int[] size = segmentation ? maskSize(labeled.get()) : boxSize(labeled.get());
                if (size == null) {
                    counts[1]++;
                    return;
                }
                counts[0]++;
                String ref = labeled.get().sourceRef();
                json.writeStartObject();
                json.writeNumberField("id", lineNo);
                json.writeStringField("file_name", ref.substring(ref.indexOf('/', 5) + 1));
                json.writeNumberField("width", size[0]);
                json.writeNumberField("height", size[1]);
                json.writeStringField("source_ref", ref);
                json.writeEndObject();
            });
            json.writeEndArray();

            json.writeArrayFieldStart("annotations");
            long[] annotationId = {0};
            manifest.forEach((lineNo, line) -> {
                Optional<Labeled> labeled = Labeled.of(lineNo, line, job.labelAttribute());
                if (labeled.isEmpty() || labeled.get().sourceRef() == null) {
                    return;
                }
                if (segmentation) {
                    writeMaskAnnotations(json, labeled.get(), annotationId);
                } else {
                    writeBoxAnnotations(json, labeled.get(), annotationId);
                }
            });
            json.writeEndArray();

            json.writeArrayFieldStart("categories");
            for (int i = 0; i < job.categories().size(); i++) {
                json.writeStartObject();
                json.writeNumberField("id", i + 1);
                json.writeStringField("name", job.categories().get(i));
                json.writeStringField("supercategory", "");
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        return new ExportCounts(counts[0], counts[1]);
    }

    private static int[] boxSize(Labeled labeled) {
        BoxLabel box = BoxLabel.read(labeled.value(), labeled.metadata());
        return box.width() > 0 && box.height() > 0 ? new int[] {box.width(), box.height()} : null;
    }

    private int[] maskSize(Labeled labeled) throws IOException {
        ClassMask mask = mask(labeled);
        return mask == null ? null : new int[] {mask.width(), mask.height()};
    }

    private ClassMask mask(Labeled labeled) throws IOException {
        if (!labeled.value().isTextual()) {
            return null;
        }
        Optional<InputStream> png = masks.open(labeled.value().asText());
        if (png.isEmpty()) {
            return null;
        }
        try (InputStream in = png.get()) {
            return ClassMask.decode(in, labeled.metadata().path("internal-color-map"));
        } catch (IOException e) {
            return null;
        }
    }

    private void writeBoxAnnotations(JsonGenerator json, Labeled labeled, long[] annotationId) throws IOException {
        BoxLabel label = BoxLabel.read(labeled.value(), labeled.metadata());
        if (label.width() <= 0 || label.height() <= 0) {
            return;
        }
        for (BoxLabel.Box box : label.boxes()) {
            json.writeStartObject();
            json.writeNumberField("id", ++annotationId[0]);
            json.writeNumberField("image_id", labeled.lineNo());
            json.writeNumberField("category_id", box.classId() + 1);
            json.writeArrayFieldStart("bbox");
            json.writeNumber(box.left());
            json.writeNumber(box.top());
            json.writeNumber(box.width());
            json.writeNumber(box.height());
            json.writeEndArray();
            json.writeNumberField("area", box.width() * box.height());
            json.writeNumberField("iscrowd", 0);
            json.writeArrayFieldStart("segmentation");
            json.writeEndArray();
            writeAttributes(json, box.confidence(), labeled.annotatedBy());
            json.writeEndObject();
        }
    }

    private void writeMaskAnnotations(JsonGenerator json, Labeled labeled, long[] annotationId) throws IOException {
        ClassMask mask = mask(labeled);
        if (mask == null) {
            return;
        }
        JsonNode colorMap = labeled.metadata().path("internal-color-map");
        for (Map.Entry<Integer, Long> area : mask.areas().entrySet()) {
            int classIndex = area.getKey();
            json.writeStartObject();
            json.writeNumberField("id", ++annotationId[0]);
            json.writeNumberField("image_id", labeled.lineNo());
            json.writeNumberField("category_id", classIndex);
            int[] bbox = mask.bbox(classIndex);
            json.writeArrayFieldStart("bbox");
            for (int v : bbox) {
                json.writeNumber(v);
            }
            json.writeEndArray();
            json.writeNumberField("area", area.getValue());
            if (encoding == Masks.RLE) {
                json.writeNumberField("iscrowd", 1);
                json.writeObjectFieldStart("segmentation");
                json.writeArrayFieldStart("counts");
                for (long run : mask.rle(classIndex)) {
                    json.writeNumber(run);
                }
                json.writeEndArray();
                json.writeArrayFieldStart("size");
                json.writeNumber(mask.height());
                json.writeNumber(mask.width());
                json.writeEndArray();
                json.writeEndObject();
            } else {
                json.writeNumberField("iscrowd", 0);
                json.writeArrayFieldStart("segmentation");
                for (int[] polygon : mask.polygons(classIndex)) {
                    json.writeStartArray();
                    for (int v : polygon) {
                        json.writeNumber(v);
                    }
                    json.writeEndArray();
                }
                json.writeEndArray();
            }
            JsonNode confidence = colorMap.path(String.valueOf(classIndex)).path("confidence");
            writeAttributes(json, confidence.isNumber() ? confidence.asDouble() : null, labeled.annotatedBy());
            json.writeEndObject();
        }
    }

    private static void writeAttributes(JsonGenerator json, Double confidence, String annotatedBy) throws IOException {
        json.writeObjectFieldStart("attributes");
        if (confidence != null) {
            json.writeNumberField("confidence", confidence);
        }
        json.writeStringField("annotated_by", annotatedBy);
        json.writeEndObject();
    }
}
