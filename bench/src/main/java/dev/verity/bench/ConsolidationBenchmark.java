package dev.verity.bench;

import dev.verity.consolidation.Consensus;
import dev.verity.consolidation.ConsolidationMethod;
import dev.verity.consolidation.CrowdAnswers;
import dev.verity.consolidation.DawidSkene;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Single-label consolidation measured: accuracy on the real crowd datasets against the published figures; majority
 * vote, Ground Truth's Dawid–Skene and Verity's default compared (accuracy, share of jobs worse than the vote,
 * calibration) on those sets whole and in random sub-jobs and on the synthetic {@link ConsolidationGrid}; a
 * reliability diagram ({@code reliability.png} beside the report); and the speed of each on a million synthetic
 * answers. Prints a Markdown report and writes it as the {@value #SECTION} section
 * of {@code docs/benchmarks.md} ({@link MarkdownSections}), leaving the other benchmarks' sections as they are.
 *
 * <p>Arguments: {@code --data <dir>} (holding {@code product/} and {@code dog/}; default: the first
 * {@code shared/datasets/crowd} found walking up from the working directory), {@code --out <file>} (default:
 * {@code docs/benchmarks.md} under the nearest directory holding {@code bench/pom.xml}), {@code --seeds <n>} (jobs per
 * grid point, default {@value ConsolidationGrid#DEFAULT_SEEDS}) and {@code --max-objects <n>} (skip larger grid points).
 */
public final class ConsolidationBenchmark {

    static final String COMMAND =
            "mvn -q -pl bench -am package -DskipTests && java -Djava.awt.headless=true -jar bench/target/verity-bench-*.jar";
    static final String SECTION = "consolidation";
    private static final List<String> DATASETS = List.of("product", "dog");
    // Published on this data (datasets/crowd/README.md): majority vote and textbook Dawid-Skene.
    private static final double[][] REFERENCE = {{0.897, 0.940}, {0.821, 0.843}};
    /** The textbook variant the references ran: 50 iterations from vote shares, light smoothing. */
    static final DawidSkene.Options TEXTBOOK = new DawidSkene.Options(50, 0, 0.7, 0.01, true);

    private static final String DIAGRAM = "reliability.png";
    private static final int[] SUB_JOB_OBJECTS = {30, 60, 120};
    private static final int SUB_JOBS = 100;

    private static final int TIE_SEEDS = 10;
    private static final int WARM_UPS = 3;
    private static final int REPETITIONS = 5;

    private ConsolidationBenchmark() {}

    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Path cwd = Path.of("").toAbsolutePath();
        Path data = option(args, "--data").map(Path::of).orElseGet(() -> findUp(cwd, Path.of("shared/datasets/crowd")));
        Path out = option(args, "--out")
                .map(Path::of)
                .orElseGet(() -> findUp(cwd, Path.of("bench/pom.xml"))
                        .getParent()
                        .getParent()
                        .resolve("docs/benchmarks.md"));
        int seeds = option(args, "--seeds").map(Integer::parseInt).orElse(ConsolidationGrid.DEFAULT_SEEDS);
        int maxObjects = option(args, "--max-objects")
                .map(Integer::parseInt)
                .orElse(ConsolidationGrid.OBJECTS[ConsolidationGrid.OBJECTS.length - 1]);
        Path png = out.toAbsolutePath().resolveSibling(DIAGRAM);

        List<ReliabilityDiagram.Panel> panels = new ArrayList<>();
        String realSets = comparisonOnRealSets(data, panels);
        ConsolidationGrid.Result grid = ConsolidationGrid.run(seeds, maxObjects, true);
        panels.add(new ReliabilityDiagram.Panel("synthetic grid, pooled", byMethod(grid.pooled())));
        ReliabilityDiagram.write(png, panels);

        String report = "## Consolidation\n\n"
                + MarkdownSections.generatedBy(COMMAND + (args.length == 0 ? "" : " " + String.join(" ", args)))
                + "\n" + accuracySection(data) + realSets
                + "### Methods compared on a synthetic grid\n\n" + grid.markdown() + "\n"
                + "### Calibration\n\n"
                + "Observed accuracy per confidence bin (10 equal-width bins, each point at its bin's mean confidence)"
                + " on the whole real sets and pooled over every item of every job of the synthetic grid (so the largest"
                + " jobs weigh most); a calibrated method lies on the diagonal. The legend gives each method's ECE on"
                + " the panel's items.\n\n![Reliability diagram](" + DIAGRAM + ")\n\n"
                + speedSection(SyntheticCrowd.MILLION);
        System.out.print(report);
        MarkdownSections.write(out, SECTION, report);
        System.out.println("\nwritten to " + out.toAbsolutePath().normalize() + " and " + png.normalize());
    }

    /**
     * MV, Ground Truth's DS and Verity on each real set whole and on random sub-jobs of it; adds each whole set's
     * calibration to {@code panels}.
     */
    private static String comparisonOnRealSets(Path data, List<ReliabilityDiagram.Panel> panels) {
        StringBuilder md = new StringBuilder("### Methods compared on real crowd answers\n\n")
                .append("Each set whole (one job), and ")
                .append(SUB_JOBS)
                .append(
                        " random sub-jobs of each size (seeded; a sub-job is the chosen objects with all their answers).")
                .append(" *< MV*: share of jobs where the method is less accurate than majority vote (Verity's ties);")
                .append(" ECE: expected calibration error, 10 equal-width bins of the chosen class's unrounded")
                .append(" posterior (MV: the winner's vote share), pooled over all items of the row's jobs.\n\n")
                .append("| dataset | objects | jobs ")
                .append(MethodComparison.HEADER)
                .append("\n|---|---:|---:|")
                .append(MethodComparison.ALIGN)
                .append('\n');
        int rows = 0;
        int passed = 0;
        for (int d = 0; d < DATASETS.size(); d++) {
            CrowdDataset set = CrowdDataset.load(data.resolve(DATASETS.get(d)));
            long started = System.nanoTime();
            MethodComparison whole = MethodComparison.over(1, s -> set);
            progress(set.name() + " whole", started);
            panels.add(new ReliabilityDiagram.Panel(set.name() + ", whole", byMethod(whole)));
            md.append(String.format(Locale.ROOT, "| %s | %,d (all) | 1 |", set.name(), set.truthCount()))
                    .append(whole.cells())
                    .append('\n');
            rows++;
            passed += whole.verityHoldsUp() ? 1 : 0;
            for (int size : SUB_JOB_OBJECTS) {
                long key = (d + 1) * 1_000_003L + size;
                started = System.nanoTime();
                MethodComparison sub = MethodComparison.over(
                        SUB_JOBS, s -> subJob(set, size, new SplittableRandom(key * 1_000_003L + s)));
                progress(set.name() + " sub-jobs of " + size, started);
                md.append(String.format(Locale.ROOT, "| %s | %d | %d |", set.name(), size, SUB_JOBS))
                        .append(sub.cells())
                        .append('\n');
                rows++;
                passed += sub.verityHoldsUp() ? 1 : 0;
            }
        }
        return md.append(String.format(
                        Locale.ROOT,
                        "%nVerity ≥ max(MV, GT DS) − %s on %d of %d rows.%n%n",
                        MethodComparison.MARGIN,
                        passed,
                        rows))
                .toString();
    }

    private static void progress(String what, long started) {
        System.err.printf(Locale.ROOT, "%s: %.1f s%n", what, (System.nanoTime() - started) / 1e9);
    }

    /** {@code size} distinct objects with a known truth, drawn uniformly, with all their answers. */
    static CrowdDataset subJob(CrowdDataset set, int size, SplittableRandom random) {
        int[] pool = IntStream.range(0, set.truth().length)
                .filter(i -> set.truth()[i] >= 0)
                .toArray();
        for (int n = 0; n < size; n++) {
            int swap = n + random.nextInt(pool.length - n);
            int item = pool[swap];
            pool[swap] = pool[n];
            pool[n] = item;
        }
        return set.subset(set.name() + "-" + size, Arrays.copyOf(pool, size));
    }

    private static Map<ComparedMethod, ExpectedCalibrationError> byMethod(MethodComparison point) {
        Map<ComparedMethod, ExpectedCalibrationError> methods = new EnumMap<>(ComparedMethod.class);
        for (ComparedMethod method : ComparedMethod.values()) {
            methods.put(method, point.calibration(method));
        }
        return methods;
    }

    private static Map<ComparedMethod, ExpectedCalibrationError> byMethod(ExpectedCalibrationError[] pooled) {
        Map<ComparedMethod, ExpectedCalibrationError> methods = new EnumMap<>(ComparedMethod.class);
        for (ComparedMethod method : ComparedMethod.values()) {
            methods.put(method, pooled[method.ordinal()]);
        }
        return methods;
    }

    private static String accuracySection(Path data) {
        StringBuilder md = new StringBuilder("### Accuracy on real crowd answers\n\n")
                .append(
                        "Datasets: `shared/datasets/crowd` (Zheng et al., PVLDB 2017). Share of items whose label equals")
                .append(
                        " the truth. *Ground Truth DS* is `\"ConsolidationMethod\": \"GroundTruth\"` (`DawidSkene.Options.GROUND_TRUTH`: prior")
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
                                + " Wall time on one thread (EM epochs, or Verity's Gibbs sweeps): %d warm-up runs, then median and min of %d.%n%n",
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
                .append("| method | answers | epochs / sweeps | median ms | min ms | accuracy vs truth |\n")
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
        md.append(timed("Ground Truth DS", new DawidSkene(DawidSkene.Options.GROUND_TRUTH)::run, set));
        md.append(timed("textbook DS", new DawidSkene(TEXTBOOK)::run, set));
        int[] unknown = new int[answers.items()];
        Arrays.fill(unknown, -1);
        md.append(timed("Verity", a -> ConsolidationMethod.VERITY.run(a, unknown), set));
        return md.toString();
    }

    private static String timed(String method, Function<CrowdAnswers, Consensus> consolidation, CrowdDataset set) {
        Consensus result = null;
        for (int i = 0; i < WARM_UPS; i++) {
            result = consolidation.apply(set.answers());
        }
        double[] ms = new double[REPETITIONS];
        for (int i = 0; i < REPETITIONS; i++) {
            long start = System.nanoTime();
            result = consolidation.apply(set.answers());
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
