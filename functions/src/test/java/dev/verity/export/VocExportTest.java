package dev.verity.export;

import static dev.verity.export.ExportFixtures.boxLine;
import static dev.verity.export.ExportFixtures.job;
import static dev.verity.export.ExportFixtures.manifest;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class VocExportTest {

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        DocumentBuilder builder = factory.newDocumentBuilder();
        return builder.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static String text(Element parent, String name) {
        NodeList nodes = parent.getElementsByTagName(name);
        assertThat(nodes.getLength()).as(name).isGreaterThan(0);
        return nodes.item(0).getTextContent();
    }

    @Test
    void eachLabeledImageGetsAWellFormedVocDocumentWithItsSizeAndOneBasedIntegerCorners() throws Exception {
        for (String taskType : new String[] {"BoundingBox", "AdjustmentBoundingBox"}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ExportCounts counts = new VocWriter(job("groundtruth/object-detection", taskType, "dog", "cat & <mouse>"))
                    .write(
                            manifest(
                                    boxLine(
                                            "s3://bucket-1/photos/a.jpg",
                                            500,
                                            400,
                                            "yes",
                                            "",
                                            new double[] {0, 111, 134, 61, 128},
                                            new double[] {1, 450.4, -3, 80, 10.6}),
                                    "{\"source-ref\":\"s3://bucket-1/photos/b.jpg\"}"),
                            out);
            assertThat(counts).isEqualTo(new ExportCounts(1, 1));
            Map<String, String> zip = ExportFixtures.unzip(out.toByteArray());
            assertThat(zip.keySet()).containsExactly("Annotations/photos/a.xml");

            Element annotation = parse(zip.get("Annotations/photos/a.xml")).getDocumentElement();
            assertThat(annotation.getTagName()).isEqualTo("annotation");
            assertThat(text(annotation, "folder")).isEqualTo("bucket-1");
            assertThat(text(annotation, "filename")).isEqualTo("a.jpg");
            assertThat(text(annotation, "path")).isEqualTo("s3://bucket-1/photos/a.jpg");
            Element size = (Element) annotation.getElementsByTagName("size").item(0);
            assertThat(text(size, "width")).isEqualTo("500");
            assertThat(text(size, "height")).isEqualTo("400");
            assertThat(text(size, "depth")).isEqualTo("3");
            assertThat(text(annotation, "segmented")).isEqualTo("0");

            NodeList objects = annotation.getElementsByTagName("object");
            assertThat(objects.getLength()).isEqualTo(2);
            Element dog = (Element) objects.item(0);
            assertThat(text(dog, "name")).isEqualTo("dog");
            assertThat(text(dog, "truncated")).isEqualTo("0");
            assertThat(text(dog, "difficult")).isEqualTo("0");
            assertThat(text(dog, "xmin")).isEqualTo("112");
            assertThat(text(dog, "ymin")).isEqualTo("135");
            assertThat(text(dog, "xmax")).isEqualTo("172");
            assertThat(text(dog, "ymax")).isEqualTo("262");
            Element cat = (Element) objects.item(1);
            assertThat(text(cat, "name")).as("escaped and read back").isEqualTo("cat & <mouse>");
            assertThat(text(cat, "truncated")).as("reached past the image").isEqualTo("1");
            for (String corner : new String[] {"xmin", "ymin", "xmax", "ymax"}) {
                assertThat(text(cat, corner)).matches("\\d+");
            }
            assertThat(Integer.parseInt(text(cat, "xmin"))).isEqualTo(451);
            assertThat(Integer.parseInt(text(cat, "ymin"))).isEqualTo(1);
            assertThat(Integer.parseInt(text(cat, "xmax")))
                    .as("clipped to the width")
                    .isEqualTo(500);
            assertThat(Integer.parseInt(text(cat, "ymax"))).isEqualTo(8);
        }
    }
}
