package dev.verity.models;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.Raster;

/**
 * One pass over an image's rows: its grey levels area-averaged (stretched) to a square, and a histogram of its
 * colours. Transparent pixels are composited over white, as a labeler sees them.
 */
record Thumbnail(double[] grey, double[] colours) {

    static final int BINS = 8;

    /**
     * @return grey levels in [0, 1], row-major, {@code size × size}; colours: per channel R, G, B the share of
     * pixels in each of {@link #BINS} bins
     */
    static Thumbnail of(BufferedImage image, int size) {
        int width = image.getWidth();
        int height = image.getHeight();
        Rows rows = rowsOf(image);
        Shrink across = new Shrink(width, size);
        double[] r = new double[width];
        double[] g = new double[width];
        double[] b = new double[width];
        double[] line = new double[width];
        double[][] shrunkRows = new double[height][];
        double[] colours = new double[3 * BINS];
        for (int y = 0; y < height; y++) {
            rows.read(y, r, g, b);
            for (int x = 0; x < width; x++) {
                line[x] = 0.299 * r[x] + 0.587 * g[x] + 0.114 * b[x];
                colours[bin(r[x])]++;
                colours[BINS + bin(g[x])]++;
                colours[2 * BINS + bin(b[x])]++;
            }
            shrunkRows[y] = across.apply(line);
        }
        for (int i = 0; i < colours.length; i++) {
            colours[i] /= (double) width * height;
        }
        Shrink down = new Shrink(height, size);
        double[] grey = new double[size * size];
        double[] column = new double[height];
        for (int x = 0; x < size; x++) {
            for (int y = 0; y < height; y++) {
                column[y] = shrunkRows[y][x];
            }
            double[] shrunk = down.apply(column);
            for (int y = 0; y < size; y++) {
                grey[y * size + x] = shrunk[y];
            }
        }
        return new Thumbnail(grey, colours);
    }

    private static int bin(double level) {
        return Math.min(BINS - 1, (int) (level * BINS));
    }

    /** Reads one row of pixels as red, green and blue levels in [0, 1]. */
    private interface Rows {
        void read(int y, double[] r, double[] g, double[] b);
    }

    private static Rows rowsOf(BufferedImage image) {
        ColorModel model = image.getColorModel();
        if (model instanceof ComponentColorModel && model.getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
            return greyRows(image.getRaster(), model);
        }
        int width = image.getWidth();
        int[] argb = new int[width];
        return (y, r, g, b) -> {
            image.getRGB(0, y, width, 1, argb, 0, width);
            for (int x = 0; x < width; x++) {
                int p = argb[x];
                double alpha = (p >>> 24) / 255.0;
                r[x] = overWhite(((p >> 16) & 0xff) / 255.0, alpha);
                g[x] = overWhite(((p >> 8) & 0xff) / 255.0, alpha);
                b[x] = overWhite((p & 0xff) / 255.0, alpha);
            }
        };
    }

    /**
     * Grey images are read from their samples: {@code getRGB} would treat Java's linear grey colour space as
     * needing a gamma conversion and brighten them.
     */
    private static Rows greyRows(Raster raster, ColorModel model) {
        int width = raster.getWidth();
        double greyMax = (1 << model.getComponentSize(0)) - 1;
        double alphaMax = model.hasAlpha() ? (1 << model.getComponentSize(1)) - 1 : 1;
        int[] levels = new int[width];
        int[] alphas = new int[width];
        return (y, r, g, b) -> {
            raster.getSamples(0, y, width, 1, 0, levels);
            if (model.hasAlpha()) {
                raster.getSamples(0, y, width, 1, 1, alphas);
            }
            for (int x = 0; x < width; x++) {
                double alpha = model.hasAlpha() ? alphas[x] / alphaMax : 1;
                r[x] = overWhite(levels[x] / greyMax, alpha);
                g[x] = r[x];
                b[x] = r[x];
            }
        };
    }

    private static double overWhite(double level, double alpha) {
        return alpha == 1 ? level : level * alpha + (1 - alpha);
    }

    /** Area averaging along one axis from {@code from} samples to {@code to}: each target averages its span. */
    private static final class Shrink {
        private final int[] first;
        private final double[][] weights;

        Shrink(int from, int to) {
            first = new int[to];
            weights = new double[to][];
            double span = (double) from / to;
            for (int t = 0; t < to; t++) {
                double start = t * span;
                double end = (t + 1) * span;
                first[t] = (int) Math.floor(start);
                int last = Math.min(from - 1, (int) Math.ceil(end) - 1);
                weights[t] = new double[last - first[t] + 1];
                for (int s = first[t]; s <= last; s++) {
                    weights[t][s - first[t]] = (Math.min(s + 1, end) - Math.max(s, start)) / span;
                }
            }
        }

        double[] apply(double[] samples) {
            double[] out = new double[first.length];
            for (int t = 0; t < out.length; t++) {
                double sum = 0;
                for (int k = 0; k < weights[t].length; k++) {
                    sum += weights[t][k] * samples[first[t] + k];
                }
                out[t] = sum;
            }
            return out;
        }
    }
}
