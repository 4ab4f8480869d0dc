package dev.verity.bench;

import dev.verity.consolidation.Consensus;
import dev.verity.consolidation.DawidSkene;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Accuracy of single-label consolidation against majority vote on the real crowd datasets, and the speed of
 * Dawid–Skene on a million synthetic answers. Prints a Markdown report and writes it as the {@value #SECTION} section
 * of {@code docs/benchmarks.md} ({@link MarkdownSections}), leaving the other benchmarks' sections as they are.
 *
 * <p>Arguments: {@code --data <dir>} (holding {@code product/} and {@code dog/}; default: the first
 * {@code shared/datasets/crowd} found walking up from the working directory), {@code --out <file>} (default:
 * {@code docs/benchmarks.md} under the nearest directory holding {@code bench/pom.xml}).
 */
public final class ConsolidationBenchmark {

    static final String COMMAND =
            "mvn -q -pl bench -am package -DskipTests && java -jar bench/target/verity-bench-*.jar";
    static final String SECTION = "consolidation";
    private static final List<String> DATASETS = List.of("product", "dog");
    // Published on this data (datasets/crowd/README.md): majority vote and textbook Dawid-Skene.
    private static final double[][] REFERENCE = {{0.897, 0.940}, {0.821, 0.843}};
    /** The textbook variant the references ran: 50 iterations from vote shares, light smoothing. */
    static final DawidSkene.Options TEXTBOOK = new DawidSkene.Options(50, 0, 0.7, 0.01, true);

    private static final int TIE_SEEDS = 10;
    private static final int WARM_UPS = 3;
    private static final int REPETITIONS = 5;

    private ConsolidationBenchmark() {}

    public static void main(String[] args) throws IOException {
        Path cwd = Path.of("").toAbsolutePath();
        Path data = option(args, "--data").map(Path::of).orElseGet(() -> findUp(cwd, Path.of("shared/datasets/crowd")));
        Path out = option(args, "--out")
                .map(Path::of)
                .orElseGet(() -> findUp(cwd, Path.of("bench/pom.xml"))
                        .getParent()
                        .getParent()
                        .resolve("docs/benchmarks.md"));

        String report = "## Consolidation\n\n"
                + MarkdownSections.generatedBy(COMMAND + (args.length == 0 ? "" : " " + String.join(" ", args)))
                + "\n" + accuracySection(data) + speedSection(SyntheticCrowd.MILLION);
        System.out.print(report);
        MarkdownSections.write(out, SECTION, report);
        System.out.println("\nwritten to " + out.toAbsolutePath().normalize());
    }

    private static String accuracySection(Path data) {
        StringBuilder md = new StringBuilder("### Accuracy on real crowd answers\n\n")
                .append(
                        "Datasets: `shared/datasets/crowd` (Zheng et al., PVLDB 2017). Share of items whose label equals")
                .append(" the truth. *Ground Truth DS* is what Verity ships (`DawidSkene.Options.GROUND_TRUTH`: prior")
                .append(" accuracy 0.7, smoothing n = 1, at most 20 epochs, tolerance 1e-8); *textbook DS* is 50")
                .append(" iterations from vote shares with smoothing n = 0.01.\n\n")
                .append("| dataset | items | workers | answers | classes | MV, random ties (")
                .append(TIE_SEEDS)
                .append(" seeds) | MV, Verity ties | Ground Truth DS (epochs) | textbook DS | reference MV / DS |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int d = 0; d < DATASETS.size(); d++) {
            CrowdDataset set = CrowdDataset.load(data.resolve(DATASETS.get(d)));
            var answers = set.answers();
            Consensus shipped = new DawidSkene(DawidSkene.Options.GROUND_TRUTH).run(answers);
            Consensus textbook = new DawidSkene(TEXTBOOK).run(answers);
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %,d | %,d | %,d | %d | %.4f | %.4f | **%.4f** (%d) | %.4f | %.3f / %.3f |%n",
                    set.name(),
                    answers.items(),
                    answers.workers(),
                    answers.answers(),
                    answers.classes(),
                    Accuracy.randomTieMajority(answers, set.truth(), TIE_SEEDS),
                    Accuracy.shippedMajority(answers, set.truth()),
                    Accuracy.of(shipped, set.truth()),
                    shipped.epochs(),
                    Accuracy.of(textbook, set.truth()),
                    REFERENCE[d][0],
                    REFERENCE[d][1]));
        }
        return md.append('\n').toString();
    }

    private static String speedSection(SyntheticCrowd crowd) {
        long start = System.nanoTime();
        CrowdDataset set = crowd.generate();
        double indexMs = (System.nanoTime() - start) / 1e6;
        var answers = set.answers();
        StringBuilder md = new StringBuilder("### Speed on a million synthetic answers\n\n")
                .append(String.format(
                        Locale.ROOT,
                        "%,d items × %d answers from %d workers (accuracy %.2f to %.2f),"
                                + " %d classes, seed %d. Generating and indexing the answers (`CrowdAnswers`) took %.0f ms."
                                + " EM wall time on one thread: %d warm-up runs, then median and min of %d.%n%n",
                        crowd.items(),
                        crowd.answersPerItem(),
                        crowd.workers(),
                        crowd.minAccuracy(),
                        crowd.maxAccuracy(),
                        crowd.classes(),
                        crowd.seed(),
                        indexMs,
                        WARM_UPS,
                        REPETITIONS))
                .append("| method | answers | epochs | median ms | min ms | accuracy vs truth |\n")
                .append("|---|---:|---:|---:|---:|---:|\n");
        md.append(String.format(
                Locale.ROOT,
                "| MV, random ties (%d seeds) | %,d | | | | %.4f |%n",
                TIE_SEEDS,
                answers.answers(),
                Accuracy.randomTieMajority(answers, set.truth(), TIE_SEEDS)));
        md.append(String.format(
                Locale.ROOT,
                "| MV, Verity ties | %,d | | | | %.4f |%n",
                answers.answers(),
                Accuracy.shippedMajority(answers, set.truth())));
        md.append(timed("Ground Truth DS", DawidSkene.Options.GROUND_TRUTH, set));
        md.append(timed("textbook DS", TEXTBOOK, set));
        return md.toString();
    }

    private static String timed(String method, DawidSkene.Options options, CrowdDataset set) {
        DawidSkene dawidSkene = new DawidSkene(options);
        Consensus result = null;
        for (int i = 0; i < WARM_UPS; i++) {
            result = dawidSkene.run(set.answers());
        }
        double[] ms = new double[REPETITIONS];
        for (int i = 0; i < REPETITIONS; i++) {
            long start = System.nanoTime();
            result = dawidSkene.run(set.answers());
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return String.format(
                Locale.ROOT,
                "| %s | %,d | %d | %.0f | %.0f | %.4f |%n",
                method,
                set.answers().answers(),
                result.epochs(),
                ms[REPETITIONS / 2],
                ms[0],
                Accuracy.of(result, set.truth()));
    }

    static Optional<String> option(String[] args, String name) {
        List<String> list = new ArrayList<>(List.of(args));
        int at = list.indexOf(name);
        if (at >= 0 && at + 1 < list.size()) {
            return Optional.of(list.get(at + 1));
        }
        return Optional.empty();
    }

    /** The first {@code dir/relative} that exists, from {@code start} up to the file system root. */
    static Path findUp(Path start, Path relative) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        throw new IllegalStateException("no " + relative + " in " + start + " or above; pass it as an argument");
    }
}
