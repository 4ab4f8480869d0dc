package dev.verity.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.autolabel.DataKind;
import dev.verity.autolabel.Features;
import dev.verity.autolabel.Featuriser;
import dev.verity.autolabel.LabelingModel;
import dev.verity.autolabel.LabelingModels;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** End to end: PNGs of drawn shapes, featurised, trained on, and recognised on shapes never seen. */
class ShapeRecognitionTest {

    private static final List<String> SHAPES = List.of("circle", "square", "triangle");
    private static final int SIDE = 64;

    private final LabelingModels models = new BuiltInModels();
    private final Featuriser featuriser = models.featuriser(DataKind.IMAGE);

    @Test
    void circlesSquaresAndTrianglesAreTellableApartAfterAFewHundredExamples() {
        Random random = new Random(11);
        List<Features> examples = new ArrayList<>();
        int[] classes = new int[300];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = i % 3;
            examples.add(featuriser.featurise(Images.encode(draw(classes[i], random), "png")));
        }
        LabelingModel model = models.train(DataKind.IMAGE, examples, classes, SHAPES, 1);

        int right = 0;
        int heldOut = 150;
        for (int i = 0; i < heldOut; i++) {
            double[] p = model.probabilities(featuriser.featurise(Images.encode(draw(i % 3, random), "png")));
            int best = p[0] >= p[1] && p[0] >= p[2] ? 0 : p[1] >= p[2] ? 1 : 2;
            right += best == i % 3 ? 1 : 0;
        }

        assertThat((double) right / heldOut).isGreaterThanOrEqualTo(0.9);
    }

    /** A filled shape of random size, position and dark colour on a light background. */
    private static BufferedImage draw(int shape, Random random) {
        BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(200 + random.nextInt(56), 200 + random.nextInt(56), 200 + random.nextInt(56)));
        g.fillRect(0, 0, SIDE, SIDE);
        g.setColor(new Color(random.nextInt(120), random.nextInt(120), random.nextInt(120)));
        int size = 20 + random.nextInt(SIDE - 24);
        int x = random.nextInt(SIDE - size);
        int y = random.nextInt(SIDE - size);
        switch (shape) {
            case 0 -> g.fillOval(x, y, size, size);
            case 1 -> g.fillRect(x, y, size, size);
            default -> g.fillPolygon(new int[] {x, x + size / 2, x + size}, new int[] {y + size, y, y + size}, 3);
        }
        g.dispose();
        return image;
    }
}
