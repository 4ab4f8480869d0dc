package dev.verity.local;

import dev.verity.consolidation.ClassMask;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How close labels are to the known truth, accumulated over objects. Safe to feed from several worker threads.
 *
 * @param <T> a label in the task type's truth form
 */
abstract class DemoQuality<T> {

    private long objects;

    /** Scores one object's label against its truth. */
    final synchronized void add(T truth, T label) {
        objects++;
        score(truth, label);
    }

    /** The headline figure, 0 to 1 (accuracy, F1, mean IoU). */
    final synchronized double value() {
        return objects == 0 ? 0 : headline();
    }

    final synchronized long objects() {
        return objects;
    }

    /** The headline figure's name, e.g. "accuracy". */
    abstract String metric();

    /** The figure with its supporting numbers, e.g. "0.950 (57 of 60)". */
    final synchronized String summary() {
        return String.format("%.3f", value()) + (objects == 0 ? "" : " " + details());
    }

    abstract void score(T truth, T label);

    abstract double headline();

    abstract String details();

    /** Share of objects labeled exactly right: single-label classification and verification. */
    static final class Accuracy<T> extends DemoQuality<T> {
        private long right;

        @Override
        String metric() {
            return "accuracy";
        }

        @Override
        void score(T truth, T label) {
            right += Objects.equals(truth, label) ? 1 : 0;
        }

        @Override
        double headline() {
            return (double) right / objects();
        }

        @Override
        String details() {
            return "(" + right + " of " + objects() + " right)";
        }
    }

    /** Multi-label: micro-averaged F1 over (object, label) pairs, and the mean Jaccard index of the label sets. */
    static final class LabelSetF1 extends DemoQuality<Set<String>> {
        private long truePositives;
        private long predicted;
        private long actual;
        private double jaccardSum;
        private long exact;

        @Override
        String metric() {
            return "label F1";
        }

        @Override
        void score(Set<String> truth, Set<String> label) {
            Set<String> common = new HashSet<>(truth);
            common.retainAll(label);
            Set<String> union = new HashSet<>(truth);
            union.addAll(label);
            truePositives += common.size();
            predicted += label.size();
            actual += truth.size();
            jaccardSum += union.isEmpty() ? 1 : (double) common.size() / union.size();
            exact += truth.equals(label) ? 1 : 0;
        }

        @Override
        double headline() {
            return f1(truePositives, predicted, actual);
        }

        @Override
        String details() {
            return String.format(
                    "(precision %.3f, recall %.3f; mean Jaccard %.3f; %d of %d sets exact)",
                    ratio(truePositives, predicted),
                    ratio(truePositives, actual),
                    jaccardSum / objects(),
                    exact,
                    objects());
        }
    }

    /** NER: micro-averaged F1 of exact spans (same label, same start, same end). */
    static final class SpanF1 extends DemoQuality<List<DemoSpan>> {
        private long truePositives;
        private long predicted;
        private long actual;

        @Override
        String metric() {
            return "span F1";
        }

        @Override
        void score(List<DemoSpan> truth, List<DemoSpan> label) {
            Set<DemoSpan> expected = new HashSet<>(truth);
            truePositives +=
                    label.stream().filter(expected::contains).distinct().count();
            predicted += label.size();
            actual += truth.size();
        }

        @Override
        double headline() {
            return f1(truePositives, predicted, actual);
        }

        @Override
        String details() {
            return String.format(
                    "(precision %.3f, recall %.3f over %d entities)",
                    ratio(truePositives, predicted), ratio(truePositives, actual), actual);
        }
    }

    /**
     * Boxes: each true box is matched to at most one labeled box of the same class, greedily by IoU, when the IoU is
     * at least 0.5. The headline is the mean IoU of the matched boxes; recall and precision say how many boxes were
     * found and how many of the labeled ones are real.
     */
    static final class BoxMatch extends DemoQuality<List<DemoBox>> {
        static final double MIN_IOU = 0.5;
        private double iouSum;
        private long matched;
        private long predicted;
        private long actual;

        @Override
        String metric() {
            return "mean IoU";
        }

        @Override
        void score(List<DemoBox> truth, List<DemoBox> label) {
            record Pair(int truth, int label, double iou) {}
            List<Pair> pairs = new ArrayList<>();
            for (int t = 0; t < truth.size(); t++) {
                for (int l = 0; l < label.size(); l++) {
                    double iou = truth.get(t).iou(label.get(l));
                    if (iou >= MIN_IOU
                            && truth.get(t).label().equals(label.get(l).label())) {
                        pairs.add(new Pair(t, l, iou));
                    }
                }
            }
            pairs.sort(Comparator.comparingDouble(Pair::iou).reversed());
            Set<Integer> usedTruth = new HashSet<>();
            Set<Integer> usedLabel = new HashSet<>();
            for (Pair pair : pairs) {
                if (!usedTruth.contains(pair.truth()) && !usedLabel.contains(pair.label())) {
                    usedTruth.add(pair.truth());
                    usedLabel.add(pair.label());
                    iouSum += pair.iou();
                    matched++;
                }
            }
            predicted += label.size();
            actual += truth.size();
        }

        @Override
        double headline() {
            return matched == 0 ? 0 : iouSum / matched;
        }

        /** Share of the true boxes that were found. */
        synchronized double recall() {
            return ratio(matched, actual);
        }

        @Override
        String details() {
            return String.format(
                    "(box recall %.3f, precision %.3f; %d of %d boxes matched at IoU >= %.1f)",
                    ratio(matched, actual), ratio(matched, predicted), matched, actual, MIN_IOU);
        }
    }

    /**
     * Masks: Ground Truth's segmentation metric, the mean over the labels (background excluded) of each label's IoU,
     * its pixels in both masks over its pixels in either, summed over all images; labels in neither are left out.
     * Pixel accuracy, the share of pixels of the right class, background included, goes with it.
     */
    static final class MaskIoU extends DemoQuality<ClassMask> {
        private final List<String> labels;
        private final long[] intersection;
        private final long[] union;
        private long rightPixels;
        private long pixels;

        /** @param labels the label of each class index from 1, index 0 being the background */
        MaskIoU(List<String> labels) {
            this.labels = List.copyOf(labels);
            intersection = new long[labels.size() + 1];
            union = new long[labels.size() + 1];
        }

        @Override
        String metric() {
            return "mean IoU";
        }

        /** @throws IllegalArgumentException if the masks are not of one size */
        @Override
        void score(ClassMask truth, ClassMask label) {
            if (!truth.sameSize(label)) {
                throw new IllegalArgumentException("a " + label.width() + "x" + label.height() + " mask for a "
                        + truth.width() + "x" + truth.height() + " image");
            }
            byte[] expected = truth.classes();
            byte[] actual = label.classes();
            for (int i = 0; i < expected.length; i++) {
                int t = expected[i] & 0xff;
                int l = actual[i] & 0xff;
                union[t]++;
                if (t == l) {
                    intersection[t]++;
                    rightPixels++;
                } else {
                    union[l]++;
                }
            }
            pixels += expected.length;
        }

        @Override
        double headline() {
            double sum = 0;
            int classes = 0;
            for (int c = 1; c < union.length; c++) {
                if (union[c] > 0) {
                    sum += (double) intersection[c] / union[c];
                    classes++;
                }
            }
            return classes == 0 ? 1 : sum / classes;
        }

        @Override
        String details() {
            StringBuilder perClass = new StringBuilder();
            for (int c = 1; c < union.length; c++) {
                perClass.append(String.format(", %s %.3f", labels.get(c - 1), ratio(intersection[c], union[c])));
            }
            return String.format("(pixel accuracy %.3f; IoU%s)", ratio(rightPixels, pixels), perClass.substring(1));
        }
    }

    static double ratio(long part, long whole) {
        return whole == 0 ? 1 : (double) part / whole;
    }

    static double f1(long truePositives, long predicted, long actual) {
        if (predicted + actual == 0) {
            return 1;
        }
        return 2.0 * truePositives / (predicted + actual);
    }
}
