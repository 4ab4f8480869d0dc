package dev.verity.bench;

import dev.verity.local.VerityRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Automated data labeling end to end on two real datasets, Fashion-MNIST (10,000 images, 10 classes) and SpamAssassin
 * (6,046 e-mails, spam or ham), through the local runtime with simulated workers; prints the figures and writes them
 * as the {@value #SECTION} section of {@code docs/benchmarks.md} ({@link MarkdownSections}).
 *
 * <pre>
 * bash bench/setup-datasets.sh
 * mvn -q -B -ntp install -DskipTests
 * java -cp bench/target/verity-bench-*.jar dev.verity.bench.AutoLabelingBenchmark
 * </pre>
 *
 * <p>Options: {@code --datasets fashion-mnist,spam-assassin} (the default; a dataset may carry its own batch,
 * {@code fashion-mnist:1000}, and appear more than once), {@code --batch <n>} ({@code MaxConcurrentTaskCount} for
 * datasets without their own; default {@value #FASHION_MNIST_BATCH} for Fashion-MNIST and {@value #SPAM_BATCH} for
 * SpamAssassin, see {@link #BATCH_CHOICE}), {@code --workers <n>} (simulated worker threads, default
 * {@value #WORKERS}), {@code --seed <n>}, {@code --sample <n>} (a seeded random subset of each dataset, for trial
 * runs), {@code --fmnist <dir>} (default {@code /usr/share/datasets/fashion-mnist}), {@code --spam <dir>} (default
 * {@code bench/target/datasets/spam-assassin}), {@code --out <file>} (default {@code docs/benchmarks.md}),
 * {@code --state <dir>} (the runtime's state; default a temporary folder, deleted at the end). It takes 4 to 7
 * minutes per dataset on two cores; the JVM needs a few GiB of heap (-Xmx8g).
 */
public final class AutoLabelingBenchmark {

    static final String COMMAND = "java -cp bench/target/verity-bench-*.jar dev.verity.bench.AutoLabelingBenchmark";
    static final String SECTION = "auto-labeling";
    static final int FASHION_MNIST_BATCH = 500;
    static final int SPAM_BATCH = 200;
    static final int WORKERS = 5;
    static final int WORKERS_PER_OBJECT = 3;
    static final double WORKER_ACCURACY = 0.85;
    static final long SEED = 20_240_601L;
    static final String BATCH_CHOICE = "Default batches: Fashion-MNIST " + FASHION_MNIST_BATCH + " (Ground Truth's"
            + " console suggests 1,000; a smaller batch means more rounds, the model retrained and the least sure"
            + " objects chosen again after fewer new human labels, and a Python simulation of this loop had 52–56%"
            + " machine-labeled with 500 against about 53% with 1,000), SpamAssassin " + SPAM_BATCH
            + " (the 80% goal leaves humans at most"
            + " 1,209 of its 6,046 objects and the validation set takes 605 of those, so batches of " + SPAM_BATCH
            + " fit three rounds in the rest).";

    private AutoLabelingBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path cwd = Path.of("").toAbsolutePath();
        Path repository = ConsolidationBenchmark.findUp(cwd, Path.of("bench/pom.xml"))
                .getParent()
                .getParent();
        Path out = ConsolidationBenchmark.option(args, "--out")
                .map(Path::of)
                .orElse(repository.resolve("docs/benchmarks.md"));
        Path fmnist =
                ConsolidationBenchmark.option(args, "--fmnist").map(Path::of).orElse(FashionMnist.DEBIAN_DIR);
        Path spam = ConsolidationBenchmark.option(args, "--spam")
                .map(Path::of)
                .orElse(repository.resolve("bench/target/datasets/spam-assassin"));
        int workers = intOption(args, "--workers", WORKERS);
        long seed = ConsolidationBenchmark.option(args, "--seed")
                .map(Long::parseLong)
                .orElse(SEED);
        Integer batch = ConsolidationBenchmark.option(args, "--batch")
                .map(Integer::parseInt)
                .orElse(null);
        int sample = intOption(args, "--sample", 0);
        Map<String, LabelingDataset> loaded = new LinkedHashMap<>();
        List<Run> runs = new ArrayList<>();
        for (String entry : ConsolidationBenchmark.option(args, "--datasets")
                .orElse("fashion-mnist,spam-assassin")
                .split(",")) {
            String[] parts = entry.trim().split(":");
            String name = parts[0];
            int runBatch = parts.length > 1
                    ? Integer.parseInt(parts[1])
                    : batch != null ? batch : name.equals("spam-assassin") ? SPAM_BATCH : FASHION_MNIST_BATCH;
            LabelingDataset dataset = loaded.get(name);
            if (dataset == null) {
                dataset = switch (name) {
                    case "fashion-mnist" -> FashionMnist.load(fmnist);
                    case "spam-assassin" -> SpamAssassin.load(spam);
                    default ->
                        throw new IllegalArgumentException(
                                "unknown dataset " + name + "; --datasets takes fashion-mnist and spam-assassin");
                };
                dataset = sample > 0 ? sample(dataset, sample, seed) : dataset;
                loaded.put(name, dataset);
            }
            runs.add(new Run(
                    dataset,
                    new AutoLabelingJob.Settings(runBatch, workers, WORKERS_PER_OBJECT, WORKER_ACCURACY, seed)));
        }

        Path state =
                ConsolidationBenchmark.option(args, "--state").map(Path::of).orElse(null);
        boolean temporary = state == null;
        if (temporary) {
            state = Files.createTempDirectory("verity-bench-");
        }
        List<AutoLabelingJob.Result> results = new ArrayList<>();
        // One runtime for every run: the functions build their AWS clients once per process.
        try (VerityRuntime runtime = VerityRuntime.start(new VerityRuntime.Options(state, 0))) {
            AutoLabelingJob jobs = new AutoLabelingJob(runtime, System.out);
            for (Run run : runs) {
                results.add(jobs.run(run.dataset(), run.settings()));
            }
        } finally {
            if (temporary) {
                deleteTree(state);
            }
        }
        Map<String, TrainingProbe.Timing> trainings = new LinkedHashMap<>();
        for (LabelingDataset dataset : loaded.values()) {
            System.out.printf(
                    Locale.ROOT,
                    "%s: timing one training on all %,d objects%n",
                    dataset.title(),
                    dataset.items().size());
            trainings.put(dataset.name(), new TrainingProbe().run(dataset, seed));
        }
        String section = AutoLabelingReport.section(
                COMMAND + (args.length == 0 ? "" : " " + String.join(" ", args)), results, trainings);
        System.out.println();
        System.out.print(section);
        MarkdownSections.write(out, SECTION, section);
        System.out.println("\nwritten to " + out.toAbsolutePath().normalize());
    }

    private record Run(LabelingDataset dataset, AutoLabelingJob.Settings settings) {}

    /** {@code size} objects of {@code dataset} chosen at random, in their original order. */
    static LabelingDataset sample(LabelingDataset dataset, int size, long seed) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < dataset.items().size(); i++) {
            order.add(i);
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = order.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            order.set(j, order.set(i, order.get(j)));
        }
        List<LabelingDataset.Item> items = order.subList(0, Math.min(size, order.size())).stream()
                .sorted()
                .map(dataset.items()::get)
                .toList();
        List<String> notes = new ArrayList<>(dataset.notes());
        notes.add(String.format(Locale.ROOT, "a random sample of %,d objects (--sample, seed %d)", items.size(), seed));
        return new LabelingDataset(
                dataset.name(),
                dataset.title(),
                dataset.taskType(),
                dataset.algorithm(),
                dataset.element(),
                dataset.labelAttribute(),
                dataset.question(),
                dataset.labels(),
                items,
                notes);
    }

    private static int intOption(String[] args, String name, int otherwise) {
        return ConsolidationBenchmark.option(args, name).map(Integer::parseInt).orElse(otherwise);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
