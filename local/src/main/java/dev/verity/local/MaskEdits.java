package dev.verity.local;

import dev.verity.consolidation.ClassMask;

/**
 * The ways a painted mask goes wrong, or is put right, one class at a time: every shape of the class moved, grown,
 * called something else, or repainted as the truth has it. Each returns a new mask.
 */
final class MaskEdits {

    private MaskEdits() {}

    static boolean contains(ClassMask mask, int classIndex) {
        for (byte c : mask.classes()) {
            if ((c & 0xff) == classIndex) {
                return true;
            }
        }
        return false;
    }

    /** The class's pixels moved by (dx, dy); what they leave becomes background, what falls outside is lost. */
    static ClassMask shifted(ClassMask mask, int classIndex, int dx, int dy) {
        byte[] classes = mask.classes().clone();
        for (int i = 0; i < classes.length; i++) {
            if ((mask.classes()[i] & 0xff) == classIndex) {
                classes[i] = 0;
            }
        }
        for (int y = 0; y < mask.height(); y++) {
            for (int x = 0; x < mask.width(); x++) {
                int tx = x + dx;
                int ty = y + dy;
                if (mask.classAt(x, y) == classIndex && tx >= 0 && ty >= 0 && tx < mask.width() && ty < mask.height()) {
                    classes[ty * mask.width() + tx] = (byte) classIndex;
                }
            }
        }
        return new ClassMask(mask.width(), mask.height(), classes);
    }

    /** The class grown over the background by {@code pixels} in every direction, as a too-wide brush paints. */
    static ClassMask dilated(ClassMask mask, int classIndex, int pixels) {
        byte[] classes = mask.classes().clone();
        for (int y = 0; y < mask.height(); y++) {
            for (int x = 0; x < mask.width(); x++) {
                if (mask.classAt(x, y) == 0 && near(mask, classIndex, x, y, pixels)) {
                    classes[y * mask.width() + x] = (byte) classIndex;
                }
            }
        }
        return new ClassMask(mask.width(), mask.height(), classes);
    }

    private static boolean near(ClassMask mask, int classIndex, int x, int y, int pixels) {
        for (int ny = Math.max(0, y - pixels); ny <= Math.min(mask.height() - 1, y + pixels); ny++) {
            for (int nx = Math.max(0, x - pixels); nx <= Math.min(mask.width() - 1, x + pixels); nx++) {
                if (mask.classAt(nx, ny) == classIndex) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The class's pixels given another class. */
    static ClassMask relabeled(ClassMask mask, int classIndex, int other) {
        byte[] classes = mask.classes().clone();
        for (int i = 0; i < classes.length; i++) {
            if ((classes[i] & 0xff) == classIndex) {
                classes[i] = (byte) other;
            }
        }
        return new ClassMask(mask.width(), mask.height(), classes);
    }

    /** Every pixel the mask or the truth gives the class repainted as the truth has it. */
    static ClassMask fixed(ClassMask mask, ClassMask truth, int classIndex) {
        byte[] classes = mask.classes().clone();
        for (int i = 0; i < classes.length; i++) {
            if ((classes[i] & 0xff) == classIndex || (truth.classes()[i] & 0xff) == classIndex) {
                classes[i] = truth.classes()[i];
            }
        }
        return new ClassMask(mask.width(), mask.height(), classes);
    }
}
