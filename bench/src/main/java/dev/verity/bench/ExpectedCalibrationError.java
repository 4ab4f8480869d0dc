package dev.verity.bench;

/**
 * Expected calibration error over {@value #BINS} equal-width confidence bins: the bins' |accuracy − mean confidence|,
 * each weighted by its share of the predictions. Bin b holds confidences in [b/10, (b+1)/10), the last one also 1.0.
 * Predictions are added one at a time; {@link #merge} pools accumulators (jobs, threads), and the per-bin figures
 * draw a reliability diagram.
 */
final class ExpectedCalibrationError {

    static final int BINS = 10;

    private final long[] count = new long[BINS];
    private final long[] correct = new long[BINS];
    private final double[] confidenceSum = new double[BINS];

    /** One prediction made with {@code confidence} (0 to 1) that turned out {@code right} or not. */
    void add(double confidence, boolean right) {
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("a confidence lies in [0, 1], not " + confidence);
        }
        int bin = bin(confidence);
        count[bin]++;
        correct[bin] += right ? 1 : 0;
        confidenceSum[bin] += confidence;
    }

    /** Adds {@code other}'s predictions to this one's; returns this. */
    ExpectedCalibrationError merge(ExpectedCalibrationError other) {
        for (int b = 0; b < BINS; b++) {
            count[b] += other.count[b];
            correct[b] += other.correct[b];
            confidenceSum[b] += other.confidenceSum[b];
        }
        return this;
    }

    static int bin(double confidence) {
        return Math.min(BINS - 1, (int) Math.floor(confidence * BINS));
    }

    long predictions() {
        long total = 0;
        for (long n : count) {
            total += n;
        }
        return total;
    }

    /** 0 without predictions. */
    double value() {
        long total = predictions();
        if (total == 0) {
            return 0;
        }
        double sum = 0;
        for (int b = 0; b < BINS; b++) {
            if (count[b] > 0) {
                sum += count[b] * Math.abs(accuracy(b) - meanConfidence(b));
            }
        }
        return sum / total;
    }

    long count(int bin) {
        return count[bin];
    }

    /** Share of bin {@code bin}'s predictions that were right (NaN for an empty bin). */
    double accuracy(int bin) {
        return count[bin] == 0 ? Double.NaN : (double) correct[bin] / count[bin];
    }

    /** Mean confidence of bin {@code bin}'s predictions (NaN for an empty bin). */
    double meanConfidence(int bin) {
        return count[bin] == 0 ? Double.NaN : confidenceSum[bin] / count[bin];
    }
}
