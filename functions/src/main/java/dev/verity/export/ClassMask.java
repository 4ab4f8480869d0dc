package dev.verity.export;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;

/**
 * A semantic-segmentation mask decoded to class indexes by its label's {@code internal-color-map} (index {@code "0"}
 * is the background; a pixel of a colour the map lacks counts as background), with COCO's encodings of one class's
 * pixels.
 */
final class ClassMask {

    private final int width;
    private final int height;
    /** Class index per pixel, row-major. */
    private final int[] classes;

    ClassMask(int width, int height, int[] classes) {
        this.width = width;
        this.height = height;
        this.classes = classes;
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    /** Decodes a mask PNG with the colour map {@code {"1": {"hex-color": "#f28333", …}, …}}. */
    static ClassMask decode(InputStream png, JsonNode colorMap) throws IOException {
        BufferedImage image = ImageIO.read(png);
        if (image == null) {
            throw new IOException("not an image ImageIO can read");
        }
        Map<Integer, Integer> classOfRgb = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = colorMap.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String hex = entry.getValue().path("hex-color").asText("");
            if (hex.matches("#[0-9a-fA-F]{6}") && entry.getKey().matches("\\d{1,3}")) {
                classOfRgb.put(Integer.parseInt(hex.substring(1), 16), Integer.parseInt(entry.getKey()));
            }
        }
        int w = image.getWidth();
        int h = image.getHeight();
        int[] classes = new int[w * h];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int argb = row[x];
                // a transparent pixel is unpainted: background
                classes[y * w + x] = (argb >>> 24) == 0 ? 0 : classOfRgb.getOrDefault(argb & 0xffffff, 0);
            }
        }
        return new ClassMask(w, h, classes);
    }

    /** The pixel count of each class but the background (0) that the mask holds, by class index. */
    Map<Integer, Long> areas() {
        Map<Integer, Long> areas = new TreeMap<>();
        for (int c : classes) {
            if (c != 0) {
                areas.merge(c, 1L, Long::sum);
            }
        }
        return areas;
    }

    /** {@code [x, y, width, height]} of the smallest box around the class's pixels (in pixel edges). */
    int[] bbox(int classIndex) {
        int minX = width;
        int minY = height;
        int maxX = -1;
        int maxY = -1;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (classes[y * width + x] == classIndex) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        return maxX < 0 ? new int[] {0, 0, 0, 0} : new int[] {minX, minY, maxX - minX + 1, maxY - minY + 1};
    }

    /**
     * COCO's uncompressed RLE of the class's pixels: run lengths in column-major (Fortran) order, the first run of
     * pixels outside the class (maybe 0 long), alternating; their sum is width x height.
     */
    List<Long> rle(int classIndex) {
        List<Long> counts = new ArrayList<>();
        boolean inside = false;
        long run = 0;
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                boolean pixel = classes[y * width + x] == classIndex;
                if (pixel != inside) {
                    counts.add(run);
                    run = 0;
                    inside = pixel;
                }
                run++;
            }
        }
        counts.add(run);
        return counts;
    }

    /**
     * Polygons that cover exactly the class's pixels: each is a rectangle ({@code x0,y0, x1,y0, x1,y1, x0,y1} in
     * pixel edges) made of the same horizontal run of pixels on consecutive rows. Not traced outlines: exact, and a
     * blocky region takes few rectangles, a ragged one many.
     */
    List<int[]> polygons(int classIndex) {
        List<int[]> done = new ArrayList<>();
        // open rectangles by their run [x0, x1): {x0, y0, x1}
        Map<Long, int[]> open = new HashMap<>();
        for (int y = 0; y <= height; y++) {
            Map<Long, int[]> next = new HashMap<>();
            if (y < height) {
                int x = 0;
                while (x < width) {
                    if (classes[y * width + x] != classIndex) {
                        x++;
                        continue;
                    }
                    int x0 = x;
                    while (x < width && classes[y * width + x] == classIndex) {
                        x++;
                    }
                    long key = ((long) x0 << 32) | x;
                    int[] rect = open.remove(key);
                    next.put(key, rect != null ? rect : new int[] {x0, y, x});
                }
            }
            for (int[] rect : open.values()) {
                done.add(new int[] {rect[0], rect[1], rect[2], rect[1], rect[2], y, rect[0], y});
            }
            open = next;
        }
        done.sort((a, b) -> a[1] != b[1] ? Integer.compare(a[1], b[1]) : Integer.compare(a[0], b[0]));
        return done;
    }
}
