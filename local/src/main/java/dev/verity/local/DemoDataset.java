package dev.verity.local;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * Small synthetic images whose true class is known: a circle, a square or a triangle, of random colour, size and
 * place on a light background. The class is the shape.
 */
final class DemoDataset {

    static final List<String> LABELS = List.of("circle", "square", "triangle");
    private static final int SIZE = 64;

    /** One generated image: its PNG bytes and its true label. */
    record DemoImage(String name, String label, byte[] png) {}

    private DemoDataset() {}

    static List<DemoImage> generate(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<DemoImage> images = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String label = LABELS.get(random.nextInt(LABELS.size()));
            images.add(new DemoImage(String.format("shape-%04d.png", i), label, draw(label, random)));
        }
        return images;
    }

    private static byte[] draw(String label, SplittableRandom random) {
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(new Color(235 + random.nextInt(20), 235 + random.nextInt(20), 235 + random.nextInt(20)));
            g.fillRect(0, 0, SIZE, SIZE);
            g.setColor(Color.getHSBColor((float) random.nextDouble(), 0.7f, 0.8f));
            int size = 20 + random.nextInt(28);
            int x = random.nextInt(SIZE - size);
            int y = random.nextInt(SIZE - size);
            switch (label) {
                case "circle" -> g.fillOval(x, y, size, size);
                case "square" -> g.fillRect(x, y, size, size);
                default -> g.fillPolygon(new int[] {x, x + size / 2, x + size}, new int[] {y + size, y, y + size}, 3);
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }
}
