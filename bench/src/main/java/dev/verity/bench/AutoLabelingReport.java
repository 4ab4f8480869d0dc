package dev.verity.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** The automated-labeling benchmark's section of docs/benchmarks.md: a summary table, each run's rounds, and notes. */
final class AutoLabelingReport {

    /** The goals the issue sets, reported against, not asserted. */
    static final double MACHINE_ACCURACY_GOAL = 0.95;

    static final double FASHION_MNIST_SHARE_GOAL = 0.50;
    static final double SPAM_ASSASSIN_SHARE_GOAL = 0.80;
    /** A Lambda invocation's time limit: each round's training must fit in one. */
    static final int LAMBDA_LIMIT_SECONDS = 900;

    private AutoLabelingReport() {}

    static String section(
            String command, List<AutoLabelingJob.Result> results, Map<String, TrainingProbe.Timing> trainings) {
        StringBuilder md = new StringBuilder("## Automated labeling\n\n")
                .append(MarkdownSections.generatedBy(command))
                .append('\n')
                .append("Set-up: `bash bench/setup-datasets.sh` (installs the datasets) and `mvn -q -B -ntp install")
                .append(" -DskipTests`. Each job runs the whole loop in the local runtime (`VerityRuntime`, started")
                .append(" in the benchmark's JVM: embedded S3, SQS, DynamoDB, the Step Functions engine running the")
                .append(" deployed state machine, the functions and the models): the objects, manifest and categories")
                .append(" are uploaded and the request put at `jobs/<name>.json`; simulated workers answer through the")
                .append(" worker API, each object exactly ")
                .append(results.isEmpty() ? 3 : results.get(0).settings().workersPerObject())
                .append(" times, each answer right with probability ")
                .append(
                        results.isEmpty()
                                ? "0.85"
                                : fmt("%.2f", results.get(0).settings().accuracy()))
                .append(" and otherwise a uniformly random wrong class, drawn from a seed and the (worker, object)")
                .append(" pair so the answers do not depend on the order tasks come in; Verity's built-in")
                .append(" consolidation (Dawid–Skene) makes the human labels. Automated labeling is Ground Truth's:")
                .append(" a random validation set (20% of the objects below 5,000, 10% from 5,000) and a first batch")
                .append(" of `MaxConcurrentTaskCount` objects go to humans; each round trains a model on the human")
                .append(" labels outside the validation set, fits a threshold on the validation set (95% accuracy,")
                .append(" one-sided 95% Wilson lower bound), machine-labels the objects at or above it and sends the")
                .append(" least sure `MaxConcurrentTaskCount` to humans. Accuracies are against the datasets' truth.")
                .append(" A job's name (dataset, batch, seed) seeds its validation set and trainings; which worker")
                .append(" takes which task depends on thread timing, so a rerun's figures differ a little.")
                .append(" Goals (reported, not asserted): machine labels ≥ 0.95 accurate on both datasets;")
                .append(" Fashion-MNIST ≥ 50% machine-labeled, SpamAssassin ≥ 80%.\n\n")
                .append(AutoLabelingBenchmark.BATCH_CHOICE)
                .append("\n\n");
        md.append(summary(results, trainings)).append(best(results));
        for (AutoLabelingJob.Result result : results) {
            md.append('\n').append(details(result));
        }
        return md.toString();
    }

    private static String summary(List<AutoLabelingJob.Result> results, Map<String, TrainingProbe.Timing> trainings) {
        StringBuilder md = new StringBuilder("| |");
        results.forEach(r -> md.append(' ')
                .append(r.dataset().title())
                .append(", batch ")
                .append(fmt("%,d", r.settings().batch()))
                .append(" |"));
        md.append("\n|---|").append("---:|".repeat(results.size())).append('\n');
        row(md, results, "objects", r -> fmt("%,d", r.objects()));
        row(
                md,
                results,
                "human batch (`MaxConcurrentTaskCount`)",
                r -> fmt("%,d", r.settings().batch()));
        row(md, results, "job status", AutoLabelingJob.Result::status);
        row(
                md,
                results,
                "human-labeled objects",
                r -> fmt("%,d (%s)", r.human().labels(), percent(r.human().labels(), r.objects())));
        row(
                md,
                results,
                "machine-labeled objects (share)",
                r -> fmt(
                        "**%,d (%s)** (goal ≥ %.0f%%: %s)",
                        r.machine().labels(),
                        percent(r.machine().labels(), r.objects()),
                        100 * shareGoal(r),
                        (double) r.machine().labels() / r.objects() >= shareGoal(r) ? "met" : "missed"));
        row(
                md,
                results,
                "accuracy of the machine labels",
                r -> fmt(
                        "**%s** (goal ≥ %.2f: %s)",
                        ratio(r.machine()),
                        MACHINE_ACCURACY_GOAL,
                        r.machine().labels() == 0
                                ? "no machine labels"
                                : r.machine().accuracy() >= MACHINE_ACCURACY_GOAL ? "met" : "missed"));
        row(md, results, "accuracy of the human labels", r -> ratio(r.human()));
        row(md, results, "accuracy of all labels", r -> ratio(r.all()));
        row(md, results, "objects left unlabeled", r -> fmt("%,d", r.unlabeled()));
        row(
                md,
                results,
                "human answers (a human-only job asks objects × 3)",
                r -> fmt(
                        "%,d of %,d (%s; %s saved)",
                        r.answers(),
                        r.humanOnlyAnswers(),
                        percent(r.answers(), r.humanOnlyAnswers()),
                        percent(r.humanOnlyAnswers() - r.answers(), r.humanOnlyAnswers())));
        row(md, results, "accuracy of single answers", r -> ratio(r.singleWorker()));
        row(md, results, "rounds", r -> Integer.toString(r.rounds().size()));
        row(md, results, "wall time", r -> minutes(r.wall()));
        row(md, results, "… uploading objects, manifest and request", r -> minutes(r.staging()));
        row(md, results, "… from the request to the first answer", r -> minutes(r.toFirstAnswer()));
        row(
                md,
                results,
                "… humans answering (first to last answer of each batch)",
                r -> r.answering().isEmpty() ? "n/a" : minutes(total(r.answering())));
        row(
                md,
                results,
                "… the rest (consolidating, training, inferring, choosing between batches; finishing)",
                r -> r.answering().isEmpty()
                        ? "n/a"
                        : minutes(r.wall()
                                .minus(r.staging())
                                .minus(r.toFirstAnswer())
                                .minus(total(r.answering()))));
        row(
                md,
                results,
                "longest training of a round (a Lambda allows " + LAMBDA_LIMIT_SECONDS + " s)",
                AutoLabelingReport::longestTraining);
        row(md, results, "one training on every object's true label, outside the loop", r -> {
            TrainingProbe.Timing timing = trainings.get(r.dataset().name());
            return timing == null
                    ? "n/a"
                    : fmt(
                            "%.1f s (%,d labels; featurising them: %.1f s)",
                            timing.trainSeconds(), timing.examples(), timing.featuriseSeconds());
        });
        row(
                md,
                results,
                "peak heap in use / in use after a collection (whole JVM, runtime included)",
                r -> fmt("%,d / %,d MiB", r.peakHeapBytes() >> 20, r.peakHeapAfterGcBytes() >> 20));
        return md.toString();
    }

    /** Which run of a dataset that ran at several batch sizes machine-labeled the most. */
    private static String best(List<AutoLabelingJob.Result> results) {
        StringBuilder md = new StringBuilder();
        results.stream().map(r -> r.dataset().title()).distinct().forEach(title -> {
            List<AutoLabelingJob.Result> runs = results.stream()
                    .filter(r -> r.dataset().title().equals(title))
                    .toList();
            if (runs.size() > 1) {
                AutoLabelingJob.Result best = runs.stream()
                        .max(Comparator.comparingLong(r -> r.machine().labels()))
                        .orElseThrow();
                md.append(fmt(
                        "\n%s ran at %d batch sizes; batch %,d machine-labeled the most (%s).\n",
                        title,
                        runs.size(),
                        best.settings().batch(),
                        percent(best.machine().labels(), best.objects())));
            }
        });
        return md.toString();
    }

    private static String details(AutoLabelingJob.Result r) {
        StringBuilder md = new StringBuilder(
                fmt("### %s, batch %,d\n\n", r.dataset().title(), r.settings().batch()));
        md.append(fmt(
                "Job `%s`: %s; %s task type, `%s` algorithm, %d classes (%s); %d simulated workers, seed %d.",
                r.job(),
                r.status(),
                r.dataset().taskType(),
                r.dataset().algorithm(),
                r.dataset().classes(),
                String.join(", ", r.dataset().labels()),
                r.settings().workers(),
                r.settings().seed()));
        if (r.description().hasNonNull("FailureReason")) {
            md.append(" Failure: ")
                    .append(r.description().get("FailureReason").asText())
                    .append('.');
        }
        md.append(" Data: ").append(String.join("; ", r.dataset().notes())).append(".\n\n");
        md.append("| round | human batch | humans so far | training labels | training s | threshold |")
                .append(" validation accuracy (lower bound) | calibration objects | model right on all objects |")
                .append(" machine-labeled (right) | machine so far | batch answered in |\n")
                .append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int i = 0; i < r.rounds().size(); i++) {
            JsonNode round = r.rounds().get(i);
            JobFiles.RoundCheck check = i < r.checks().size() ? r.checks().get(i) : null;
            md.append(fmt(
                    "| %d | %,d | %,d | %,d | %s | %s | %s (%s) | %,d | %s | %,d (%s) | %,d | %s |\n",
                    round.path("iteration").asInt(),
                    round.path("humanBatch").asInt(),
                    round.path("humanLabeledTotal").asInt(),
                    round.path("trainingObjects").asInt(),
                    check == null || Double.isNaN(check.trainingSeconds()) ? "–" : fmt("%.1f", check.trainingSeconds()),
                    decimal(round.path("threshold")),
                    decimal(round.path("validationAccuracy")),
                    decimal(round.path("validationLowerBound")),
                    round.path("calibrationObjects").asInt(),
                    check == null ? "–" : ratio(check.predictions()),
                    round.path("machineLabeled").asInt(),
                    check == null ? "–" : ratio(check.machine()),
                    round.path("machineLabeledTotal").asInt(),
                    i < r.answering().size()
                            ? fmt(
                                    "%.0f s",
                                    AutoLabelingJob.seconds(r.answering().get(i)))
                            : "–"));
        }
        List<Integer> batches = AutoLabelingJob.batches(r.rounds());
        if (batches.size() > r.rounds().size()) {
            md.append(fmt(
                    "| last | %,d | | | | | | | | | | %s |\n",
                    batches.get(batches.size() - 1),
                    r.answering().size() == batches.size()
                            ? fmt(
                                    "%.0f s",
                                    AutoLabelingJob.seconds(r.answering().get(batches.size() - 1)))
                            : "–"));
        }
        md.append("\n*Human batch* is what humans labeled before the round (round 1: the validation set and the")
                .append(" first batch); *threshold* is the confidence the round machine-labels from (– when none")
                .append(" reached the target); *calibration objects* are the validation objects whose workers all")
                .append(
                        " agreed, the only ones the threshold is fitted on; *model right on all objects* is the round's")
                .append(" model against the truth on every object it predicted.\n");
        String limits = limits(r);
        if (!limits.isEmpty()) {
            md.append("\n**What limits the figures.** ").append(limits).append('\n');
        }
        return md.toString();
    }

    /** Facts behind a missed goal, read from the run's own figures. */
    static String limits(AutoLabelingJob.Result r) {
        boolean shareMissed = (double) r.machine().labels() / r.objects() < shareGoal(r);
        boolean accuracyMissed = r.machine().labels() > 0 && r.machine().accuracy() < MACHINE_ACCURACY_GOAL;
        if (!r.completed()) {
            return "the job did not complete (" + r.status() + "), so its figures are partial.";
        }
        if (!shareMissed && !accuracyMissed) {
            return "";
        }
        List<String> facts = new ArrayList<>();
        if (shareMissed && !r.rounds().isEmpty()) {
            int firstBatch = r.rounds().get(0).path("humanBatch").asInt();
            facts.add(fmt(
                    "humans label the validation set and the first batch (%,d objects, %s) before any model"
                            + " exists",
                    firstBatch, percent(firstBatch, r.objects())));
            List<String> idle = new ArrayList<>();
            long pool = r.objects() - firstBatch;
            for (JsonNode round : r.rounds()) {
                // a round after the batch that took the last objects has nothing left to label
                if (round.path("machineLabeled").asInt() == 0 && pool > 0) {
                    idle.add(round.path("iteration").asText());
                }
                pool = round.path("left").asLong();
            }
            if (!idle.isEmpty()) {
                facts.add("round" + (idle.size() > 1 ? "s " : " ") + String.join(", ", idle) + " machine-labeled"
                        + " nothing (no threshold's lower bound reached 0.95)");
            }
            if (r.rounds().size() > 1
                    && r.rounds().get(0).path("machineLabeled").asInt() > 0) {
                JsonNode first = r.rounds().get(0);
                int later = r.rounds()
                                .get(r.rounds().size() - 1)
                                .path("machineLabeledTotal")
                                .asInt()
                        - first.path("machineLabeled").asInt();
                double lowest = Double.POSITIVE_INFINITY;
                double highest = Double.NEGATIVE_INFINITY;
                for (int i = 1; i < r.rounds().size(); i++) {
                    JsonNode threshold = r.rounds().get(i).path("threshold");
                    if (threshold.isNumber()) {
                        lowest = Math.min(lowest, threshold.asDouble());
                        highest = Math.max(highest, threshold.asDouble());
                    }
                }
                facts.add(fmt(
                        "round 1 machine-labeled %,d objects from threshold %s, %.4f right on the validation"
                                + " set with a lower bound of %.4f against the 0.95 target; as the bound covers every"
                                + " machine label so far, each later round could add only objects its model got about"
                                + " as often right (not merely 95%% of the time): %,d together%s",
                        first.path("machineLabeled").asInt(),
                        decimal(first.path("threshold")),
                        first.path("validationAccuracy").asDouble(),
                        first.path("validationLowerBound").asDouble(),
                        later,
                        lowest <= highest ? fmt(", from thresholds of %.3f to %.3f", lowest, highest) : ""));
            }
            List<Integer> batches = AutoLabelingJob.batches(r.rounds());
            if (batches.size() > r.rounds().size()) {
                facts.add(fmt(
                        "so the %,d objects left went to humans in one last batch", batches.get(batches.size() - 1)));
            }
            JobFiles.RoundCheck last =
                    r.checks().isEmpty() ? null : r.checks().get(r.checks().size() - 1);
            if (last != null && last.predictions().labels() > 0) {
                facts.add(fmt(
                        "the last model was right on %s of all objects, so only its surest predictions can"
                                + " make machine labels that are 95%% right",
                        ratio(last.predictions())));
            }
        }
        if (accuracyMissed) {
            facts.add(fmt(
                    "the machine labels were %s right against the truth while the validation set certified"
                            + " ≥ 0.95 on labels from human workers who all agreed",
                    ratio(r.machine())));
        }
        String text = String.join("; ", facts) + ".";
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    static double shareGoal(AutoLabelingJob.Result r) {
        return r.dataset().name().equals("spam-assassin") ? SPAM_ASSASSIN_SHARE_GOAL : FASHION_MNIST_SHARE_GOAL;
    }

    private static String longestTraining(AutoLabelingJob.Result r) {
        JobFiles.RoundCheck longest = null;
        for (JobFiles.RoundCheck check : r.checks()) {
            if (!Double.isNaN(check.trainingSeconds())
                    && (longest == null || check.trainingSeconds() > longest.trainingSeconds())) {
                longest = check;
            }
        }
        return longest == null
                ? "n/a"
                : fmt(
                        "%.1f s (round %d, %,d labels)",
                        longest.trainingSeconds(),
                        longest.iteration(),
                        longest.model().path("trainingObjects").asInt());
    }

    private static void row(
            StringBuilder md,
            List<AutoLabelingJob.Result> results,
            String name,
            Function<AutoLabelingJob.Result, String> value) {
        md.append("| ").append(name).append(" |");
        results.forEach(r -> md.append(' ').append(value.apply(r)).append(" |"));
        md.append('\n');
    }

    private static Duration total(List<Duration> durations) {
        return durations.stream().reduce(Duration.ZERO, Duration::plus);
    }

    static String minutes(Duration duration) {
        long seconds = Math.round(duration.toMillis() / 1000.0);
        return seconds < 60 ? seconds + " s" : fmt("%d min %02d s", seconds / 60, seconds % 60);
    }

    private static String ratio(AutoLabelingJob.Score score) {
        return score.labels() == 0 ? "–" : fmt("%.4f", score.accuracy());
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "–" : fmt("%.1f%%", 100.0 * part / whole);
    }

    private static String decimal(JsonNode number) {
        return number.isNumber() ? fmt("%.3f", number.asDouble()) : "–";
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
