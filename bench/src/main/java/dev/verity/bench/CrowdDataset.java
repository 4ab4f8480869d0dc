package dev.verity.bench;

import dev.verity.consolidation.CrowdAnswers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One crowd dataset of the truth-inference benchmark: {@code answer.csv} (question,worker,answer) and
 * {@code truth.csv} (question,truth), answers being class indices.
 *
 * @param truth the true class by item index of {@code answers}, or -1 where the truth file has none
 */
public record CrowdDataset(String name, CrowdAnswers answers, int[] truth) {

    public static CrowdDataset load(Path folder) {
        List<String[]> answerRows = rows(folder.resolve("answer.csv"), "question,worker,answer");
        int classes = 0;
        for (String[] row : answerRows) {
            classes = Math.max(classes, Integer.parseInt(row[2]) + 1);
        }
        CrowdAnswers.Builder builder = CrowdAnswers.builder(classes);
        answerRows.forEach(row -> builder.add(row[0], row[1], Integer.parseInt(row[2])));
        CrowdAnswers answers = builder.build();

        Map<String, Integer> truthById = new HashMap<>();
        rows(folder.resolve("truth.csv"), "question,truth")
                .forEach(row -> truthById.put(row[0], Integer.parseInt(row[1])));
        int[] truth = new int[answers.items()];
        Arrays.fill(truth, -1);
        for (int i = 0; i < truth.length; i++) {
            truth[i] = truthById.getOrDefault(answers.itemId(i), -1);
        }
        return new CrowdDataset(folder.getFileName().toString(), answers, truth);
    }

    /**
     * A job of the chosen items only, each with all its answers, in the order given (ids, workers and classes as
     * here; worker indexes renumbered).
     */
    public CrowdDataset subset(String name, int[] items) {
        CrowdAnswers.Builder builder = CrowdAnswers.builder(answers.classes());
        int[] subTruth = new int[items.length];
        for (int n = 0; n < items.length; n++) {
            int item = items[n];
            for (int a = answers.firstAnswer(item); a < answers.firstAnswer(item + 1); a++) {
                builder.add(answers.itemId(item), answers.workerId(answers.worker(a)), answers.label(a));
            }
            subTruth[n] = truth[item];
        }
        // Items are numbered in order of first appearance, which is the order of items, so truth lines up.
        return new CrowdDataset(name, builder.build(), subTruth);
    }

    /** How many items have a known truth. */
    public int truthCount() {
        return (int) Arrays.stream(truth).filter(t -> t >= 0).count();
    }

    private static List<String[]> rows(Path file, String header) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = reader.readLine();
            if (first == null || !first.strip().equals(header)) {
                throw new IllegalArgumentException(
                        file + ": expected the header \"" + header + "\", got \"" + first + "\"");
            }
            int columns = header.split(",").length;
            List<String[]> rows = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.strip().split(",", -1);
                if (fields.length != columns) {
                    throw new IllegalArgumentException(file + ": expected " + columns + " fields in \"" + line + "\"");
                }
                rows.add(fields);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
