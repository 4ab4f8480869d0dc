package dev.verity.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Pascal VOC annotations as one zip of {@code Annotations/<image key>.xml}, one per labeled image: {@code filename},
 * {@code path} (the S3 URI), {@code size} (width, height, depth from the label's {@code image_size}),
 * {@code segmented} 0, and an {@code object} per box: {@code name} (the category), {@code pose} Unspecified,
 * {@code truncated} (1 if the box reached past the image and was clipped), {@code difficult} 0 and {@code bndbox}.
 * Box corners are VOC's 1-based inclusive pixel indexes: {@code xmin = left + 1}, {@code xmax = left + width},
 * rounded to whole pixels and clipped to the image.
 */
final class VocWriter {

    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    private final ExportJob job;

    VocWriter(ExportJob job) {
        this.job = job;
    }

    ExportCounts write(ManifestLines manifest, OutputStream out) throws IOException {
        long[] written = {0};
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        ExportFiles files = new ExportFiles("Annotations", ".xml");
        long skipped = BoxLabel.forEachImage(manifest, job.labelAttribute(), (lineNo, sourceRef, label) -> {
            written[0]++;
            zip.putNextEntry(new ZipEntry(files.name(sourceRef, lineNo)));
            zip.write(xml(sourceRef, label));
            zip.closeEntry();
        });
        zip.finish();
        return new ExportCounts(written[0], skipped);
    }

    /** One image's annotation document, UTF-8. */
    byte[] xml(String sourceRef, BoxLabel label) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            XMLStreamWriter xml = XML.createXMLStreamWriter(bytes, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("annotation");
            int slash = sourceRef.indexOf('/', 5);
            String folder = slash < 0 ? sourceRef.substring(5) : sourceRef.substring(5, slash);
            element(xml, 1, "folder", folder);
            element(xml, 1, "filename", ExportFiles.fileName(sourceRef));
            element(xml, 1, "path", sourceRef);
            indent(xml, 1);
            xml.writeStartElement("source");
            element(xml, 2, "database", "Verity labeling job " + job.name());
            indent(xml, 1);
            xml.writeEndElement();
            indent(xml, 1);
            xml.writeStartElement("size");
            element(xml, 2, "width", String.valueOf(label.width()));
            element(xml, 2, "height", String.valueOf(label.height()));
            element(xml, 2, "depth", String.valueOf(label.depth()));
            indent(xml, 1);
            xml.writeEndElement();
            element(xml, 1, "segmented", "0");
            for (BoxLabel.Box box : label.boxes()) {
                long xmin = Math.max(1, Math.round(box.left()) + 1);
                long ymin = Math.max(1, Math.round(box.top()) + 1);
                long xmax = Math.min(label.width(), Math.round(box.left() + box.width()));
                long ymax = Math.min(label.height(), Math.round(box.top() + box.height()));
                if (xmax < xmin || ymax < ymin) {
                    continue;
                }
                boolean truncated = box.left() < 0
                        || box.top() < 0
                        || box.left() + box.width() > label.width()
                        || box.top() + box.height() > label.height();
                indent(xml, 1);
                xml.writeStartElement("object");
                element(xml, 2, "name", job.category(box.classId()));
                element(xml, 2, "pose", "Unspecified");
                element(xml, 2, "truncated", truncated ? "1" : "0");
                element(xml, 2, "difficult", "0");
                if (box.confidence() != null) {
                    element(xml, 2, "confidence", String.valueOf(box.confidence()));
                }
                indent(xml, 2);
                xml.writeStartElement("bndbox");
                element(xml, 3, "xmin", String.valueOf(xmin));
                element(xml, 3, "ymin", String.valueOf(ymin));
                element(xml, 3, "xmax", String.valueOf(xmax));
                element(xml, 3, "ymax", String.valueOf(ymax));
                indent(xml, 2);
                xml.writeEndElement();
                indent(xml, 1);
                xml.writeEndElement();
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("writing VOC XML: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    private static void element(XMLStreamWriter xml, int depth, String name, String text) throws XMLStreamException {
        indent(xml, depth);
        xml.writeStartElement(name);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }

    private static void indent(XMLStreamWriter xml, int depth) throws XMLStreamException {
        xml.writeCharacters("\n" + "  ".repeat(depth));
    }
}
