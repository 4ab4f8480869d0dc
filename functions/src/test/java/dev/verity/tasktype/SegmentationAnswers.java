package dev.verity.tasktype;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.json.Json;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Builds {@code crowd-semantic-segmentation} answers for tests from rows of characters: {@code .} white, {@code r}
 * road {@value #ROAD}, {@code c} car {@value #CAR}, {@code t} fully transparent, {@code h} half-transparent road,
 * {@code x} an unmapped {@code #123456}.
 */
final class SegmentationAnswers {

    static final String ROAD = "#f28333";
    static final String CAR = "#00ff00";
    private static final Map<Character, Integer> ARGB = Map.of(
            '.', 0xffffffff, 'r', 0xfff28333, 'c', 0xff00ff00, 't', 0x00000000, 'h', 0x80f28333, 'x', 0xff123456);

    private SegmentationAnswers() {}

    /** An answer painted as {@code rows}, road and car mapped to their colours. */
    static ObjectNode answer(String... rows) {
        return answer(rows[0].length(), rows.length, Map.of("road", ROAD, "car", CAR), png(rows));
    }

    static ObjectNode answer(int width, int height, Map<String, String> mappings, byte[] png) {
        ObjectNode element = Json.object();
        element.putObject("inputImageProperties").put("height", height).put("width", width);
        ObjectNode labelMappings = element.putObject("labelMappings");
        new LinkedHashMap<>(mappings)
                .forEach((label, colour) -> labelMappings.putObject(label).put("color", colour));
        element.putObject("labeledImage")
                .put("pngImageData", Base64.getEncoder().encodeToString(png));
        ObjectNode answer = Json.object();
        answer.set(SegmentationAnswer.ELEMENT, element);
        return answer;
    }

    static ObjectNode adjusted(boolean modified, String... rows) {
        ObjectNode answer = answer(rows);
        ((ObjectNode) answer.get(SegmentationAnswer.ELEMENT)).put("initialValueModified", modified);
        return answer;
    }

    static byte[] png(String... rows) {
        BufferedImage image = new BufferedImage(rows[0].length(), rows.length, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < rows.length; y++) {
            for (int x = 0; x < rows[y].length(); x++) {
                image.setRGB(x, y, ARGB.get(rows[y].charAt(x)));
            }
        }
        return encode(image);
    }

    static byte[] encode(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A PNG's pixels as hex colours, row by row. */
    static String[][] colours(byte[] png) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            String[][] colours = new String[image.getHeight()][image.getWidth()];
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    colours[y][x] = String.format("#%06x", image.getRGB(x, y) & 0xffffff);
                }
            }
            return colours;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
