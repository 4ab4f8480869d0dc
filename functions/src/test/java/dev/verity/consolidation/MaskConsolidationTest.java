package dev.verity.consolidation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MaskConsolidationTest {

    @Test
    void aPixelTwoOfThreeWorkersLabelAndItsNeighboursSupportGoesToTheMajority() {
        ClassMask agreed = mask("1100", "1100", "0000", "0000");
        ClassMask missed = mask("1100", "1000", "0000", "0000");

        MaskConsolidation.Result result = MaskConsolidation.consolidate(List.of(agreed, agreed, missed));

        // At (1,1): class 1 scores 9+3 + 9+3 + 3 = 27, the background 5 + 5 + 9+5 = 24.
        assertThat(rows(result.mask())).isEqualTo(rows(agreed));
        // 15 pixels with 3 of 3 agreeing, one with 2 of 3: 47/48 = 0.979.
        assertThat(result.confidence()).isEqualTo(0.98);
    }

    @Test
    void smoothingFlipsAnIsolatedSpeckThatOnlyTwoOfThreeWorkersPainted() {
        ClassMask speck = mask("0000", "0000", "0010", "0000");
        ClassMask clean = mask("0000", "0000", "0000", "0000");

        MaskConsolidation.Result result = MaskConsolidation.consolidate(List.of(speck, speck, clean));

        // At (2,2): class 1 scores 9 + 9 = 18, the background 8 + 8 + 9+8 = 33; a plain vote would keep the speck.
        assertThat(rows(result.mask())).containsExactly("0000", "0000", "0000", "0000");
        // 15 pixels with 3 of 3, the speck's pixel with the 1 worker who left it: 46/48 = 0.958.
        assertThat(result.confidence()).isEqualTo(0.96);
    }

    @Test
    void aPixelEveryWorkerAgreesOnKeepsItsClassHoweverSmallItIs() {
        ClassMask speck = mask("0000", "0000", "0020", "0000");

        MaskConsolidation.Result result = MaskConsolidation.consolidate(List.of(speck, speck, speck));

        assertThat(rows(result.mask())).containsExactly("0000", "0000", "0020", "0000");
        assertThat(result.confidence()).isEqualTo(1.0);
    }

    @Test
    void oneWorkersMaskComesOutUnchangedWithConfidenceZero() {
        ClassMask noisy = mask("0101", "1010", "0101", "1010");

        MaskConsolidation.Result result = MaskConsolidation.consolidate(List.of(noisy));

        assertThat(rows(result.mask())).isEqualTo(rows(noisy));
        assertThat(result.confidence()).isEqualTo(0.0);
    }

    @Test
    void aTieGoesToTheLowerLabelAndTheBackgroundLosesTiesToAnyLabel() {
        ClassMask ones = mask("1111", "1111");
        ClassMask twos = mask("2222", "2222");
        ClassMask background = mask("0000", "0000");

        assertThat(rows(MaskConsolidation.consolidate(List.of(twos, ones)).mask()))
                .containsExactly("1111", "1111");
        MaskConsolidation.Result labelOverBackground = MaskConsolidation.consolidate(List.of(background, twos));
        assertThat(rows(labelOverBackground.mask())).containsExactly("2222", "2222");
        assertThat(labelOverBackground.confidence()).isEqualTo(0.5);
    }

    @Test
    void anEqualScoreGoesToTheClassMoreWorkersChoseAtThePixelItself() {
        ClassMask first = mask("333", "323", "331");
        ClassMask second = mask("333", "323", "333");
        ClassMask third = mask("111", "111", "111");

        ClassMask result =
                MaskConsolidation.consolidate(List.of(first, second, third)).mask();

        // At (1,1): class 2 scores 9 + 9 = 18 from two centre votes; class 1 scores 1 + 9+8 = 18 from one; class 3 15.
        assertThat(result.classAt(1, 1)).isEqualTo(2);
    }

    @Test
    void readingTheMasksRowByRowGivesWhatAVoteOverWholeMasksGives() {
        Random random = new Random(8);
        for (int round = 0; round < 50; round++) {
            int width = 1 + random.nextInt(12);
            int height = 1 + random.nextInt(12);
            List<ClassMask> masks = IntStream.range(0, 1 + random.nextInt(5))
                    .mapToObj(i -> randomMask(width, height, 1 + random.nextInt(4), random))
                    .toList();

            MaskConsolidation.Result result = MaskConsolidation.consolidate(masks);

            assertThat(rows(result.mask())).as("round %d", round).isEqualTo(rows(wholeMaskVote(masks)));
        }
    }

    @Test
    void refusesNoMasksAndMasksOfDifferentSizes() {
        assertThatThrownBy(() -> MaskConsolidation.consolidate(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MaskConsolidation.consolidate(List.of(mask("00"), mask("000"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("needs at least one mask, all of one size");
    }

    @Test
    void aClassMaskNeedsOneClassPerPixel() {
        assertThatThrownBy(() -> new ClassMask(2, 2, new byte[3]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a 2x2 mask needs 4 class indices, got 3");
    }

    /**
     * The rule as the class documents it, pixel by pixel over whole masks: the highest score wins, then the most
     * centre votes, then the lower label, the background last.
     */
    private static ClassMask wholeMaskVote(List<ClassMask> masks) {
        int width = masks.get(0).width();
        int height = masks.get(0).height();
        byte[] chosen = new byte[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int[] score = new int[256];
                int[] centre = new int[256];
                for (ClassMask mask : masks) {
                    centre[mask.classAt(x, y)]++;
                    for (int ny = Math.max(0, y - 1); ny <= Math.min(height - 1, y + 1); ny++) {
                        for (int nx = Math.max(0, x - 1); nx <= Math.min(width - 1, x + 1); nx++) {
                            score[mask.classAt(nx, ny)] += nx == x && ny == y ? MaskConsolidation.CENTRE_WEIGHT : 1;
                        }
                    }
                }
                int best = 0;
                for (int c = 1; c < 256; c++) {
                    if (score[c] > score[best]
                            || score[c] == score[best]
                                    && (centre[c] > centre[best]
                                            || centre[c] == centre[best] && (best == 0 || c < best) && score[c] > 0)) {
                        best = c;
                    }
                }
                chosen[y * width + x] = (byte) best;
            }
        }
        return new ClassMask(width, height, chosen);
    }

    private static ClassMask randomMask(int width, int height, int classes, Random random) {
        byte[] pixels = new byte[width * height];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) random.nextInt(classes);
        }
        return new ClassMask(width, height, pixels);
    }

    /** A mask from rows of class digits. */
    static ClassMask mask(String... rows) {
        int width = rows[0].length();
        byte[] classes = new byte[width * rows.length];
        for (int y = 0; y < rows.length; y++) {
            for (int x = 0; x < width; x++) {
                classes[y * width + x] = (byte) Character.digit(rows[y].charAt(x), 10);
            }
        }
        return new ClassMask(width, rows.length, classes);
    }

    static List<String> rows(ClassMask mask) {
        return IntStream.range(0, mask.height())
                .mapToObj(y -> {
                    StringBuilder row = new StringBuilder();
                    for (int x = 0; x < mask.width(); x++) {
                        row.append(mask.classAt(x, y));
                    }
                    return row.toString();
                })
                .toList();
    }
}
