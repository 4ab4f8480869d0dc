package dev.verity.tasktype;

import java.awt.Color;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The colours of consolidated masks, fixed per class index so a job's masks (and a chain of jobs) use one colour per
 * label whatever colours workers painted with: index 0, BACKGROUND, is white {@code #ffffff} as in Ground Truth;
 * labels 1–10 take matplotlib's "tab10" colours, later ones distinct colours spread around the hue circle.
 */
final class MaskPalette {

    static final int BACKGROUND = 0xffffff;
    /** Class indices are one byte; index 0 is the background. */
    static final int MAX_LABELS = 255;

    private static final int[] TAB10 = {
        0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf
    };
    private static final int[] COLOURS = build();

    private MaskPalette() {}

    /** The RGB colour of a class index, 0 (background) to {@value #MAX_LABELS}. */
    static int colour(int classIndex) {
        return COLOURS[classIndex];
    }

    static String hex(int rgb) {
        return String.format(Locale.ROOT, "#%06x", rgb);
    }

    private static int[] build() {
        Set<Integer> colours = new LinkedHashSet<>();
        colours.add(BACKGROUND);
        for (int rgb : TAB10) {
            colours.add(rgb);
        }
        // Golden-ratio hue steps at alternating saturation and brightness; a repeat is skipped.
        for (int step = 0; colours.size() <= MAX_LABELS; step++) {
            float hue = (float) ((step * 0.6180339887498949) % 1.0);
            float saturation = step % 2 == 0 ? 0.85f : 0.55f;
            float brightness = step % 3 == 0 ? 0.95f : step % 3 == 1 ? 0.75f : 0.55f;
            colours.add(Color.HSBtoRGB(hue, saturation, brightness) & 0xffffff);
        }
        return colours.stream().mapToInt(Integer::intValue).toArray();
    }
}
