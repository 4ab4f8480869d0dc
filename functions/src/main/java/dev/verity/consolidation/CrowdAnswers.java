package dev.verity.consolidation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Single-label answers indexed for EM: items and workers are numbered in order of first appearance, and the answers
 * are grouped by item in flat int arrays, so a million answers cost a few megabytes and no boxing.
 */
public final class CrowdAnswers {

    private final int classes;
    /** Null for answers whose items are only numbered ({@link #numbered}). */
    private final List<String> itemIds;

    private final List<String> workerIds;
    private final int[] itemStart;
    private final int[] worker;
    private final int[] label;

    private CrowdAnswers(
            int classes, List<String> itemIds, List<String> workerIds, int[] itemStart, int[] worker, int[] label) {
        this.classes = classes;
        this.itemIds = itemIds;
        this.workerIds = workerIds;
        this.itemStart = itemStart;
        this.worker = worker;
        this.label = label;
    }

    /**
     * Answers already grouped by item, whose items have no names (their ids are their numbers): a job-wide estimate
     * of the workers ({@link JobAnswers}) never names an item, and a million ids would cost more than the answers.
     */
    static CrowdAnswers numbered(int classes, List<String> workerIds, int[] itemStart, int[] worker, int[] label) {
        return new CrowdAnswers(classes, null, List.copyOf(workerIds), itemStart, worker, label);
    }

    public static Builder builder(int classes) {
        return new Builder(classes);
    }

    public int classes() {
        return classes;
    }

    public int items() {
        return itemStart.length - 1;
    }

    public int workers() {
        return workerIds.size();
    }

    public int answers() {
        return worker.length;
    }

    public String itemId(int item) {
        return itemIds == null ? Integer.toString(item) : itemIds.get(item);
    }

    public String workerId(int worker) {
        return workerIds.get(worker);
    }

    /** The index of the item's first answer; its answers run up to {@code firstAnswer(item + 1)}. */
    public int firstAnswer(int item) {
        return itemStart[item];
    }

    /** Who gave the answer at this index. */
    public int worker(int answer) {
        return worker[answer];
    }

    /** The class index answered at this index. */
    public int label(int answer) {
        return label[answer];
    }

    /** Gold classes for none of the items: -1 each. */
    int[] noneKnown() {
        int[] known = new int[items()];
        Arrays.fill(known, -1);
        return known;
    }

    /** Refuses gold classes ({@code known[item]}, -1 where unknown) given for another number of items. */
    void requireKnown(int[] known) {
        if (known.length != items()) {
            throw new IllegalArgumentException("known classes for " + known.length + " items, expected " + items());
        }
    }

    /** Refuses a worker model of another number of classes, or gold classes for another number of items. */
    void requireModel(WorkerModel model, int[] known) {
        if (model.classes() != classes || known.length != items()) {
            throw new IllegalArgumentException("the model has " + model.classes() + " classes and the answers "
                    + classes + "; known classes for " + known.length + " of " + items() + " items");
        }
    }

    /** Collects answers; a worker's second answer for the same item (a redelivery) is ignored. */
    public static final class Builder {

        private final int classes;
        private final Map<String, Integer> itemIndex = new HashMap<>();
        private final Map<String, Integer> workerIndex = new HashMap<>();
        private final List<String> itemIds = new ArrayList<>();
        private final List<String> workerIds = new ArrayList<>();
        private final Set<Long> answered = new HashSet<>();
        private int[] item = new int[16];
        private int[] worker = new int[16];
        private int[] label = new int[16];
        private int size;

        private Builder(int classes) {
            if (classes < 2) {
                throw new IllegalArgumentException("classification needs at least 2 classes, got " + classes);
            }
            this.classes = classes;
        }

        /** @return false if this worker had already answered this item */
        public boolean add(String itemId, String workerId, int classIndex) {
            if (classIndex < 0 || classIndex >= classes) {
                throw new IllegalArgumentException("class " + classIndex + " is not in 0.." + (classes - 1));
            }
            int i = index(itemId, itemIndex, itemIds);
            int w = index(workerId, workerIndex, workerIds);
            if (!answered.add(((long) i << 32) | w)) {
                return false;
            }
            if (size == item.length) {
                item = Arrays.copyOf(item, size * 2);
                worker = Arrays.copyOf(worker, size * 2);
                label = Arrays.copyOf(label, size * 2);
            }
            item[size] = i;
            worker[size] = w;
            label[size] = classIndex;
            size++;
            return true;
        }

        /** Groups the answers by item (a counting sort, stable, so each item keeps its answers' order). */
        public CrowdAnswers build() {
            int items = itemIds.size();
            int[] start = new int[items + 1];
            for (int a = 0; a < size; a++) {
                start[item[a] + 1]++;
            }
            for (int i = 0; i < items; i++) {
                start[i + 1] += start[i];
            }
            int[] next = Arrays.copyOf(start, items);
            int[] sortedWorker = new int[size];
            int[] sortedLabel = new int[size];
            for (int a = 0; a < size; a++) {
                int to = next[item[a]]++;
                sortedWorker[to] = worker[a];
                sortedLabel[to] = label[a];
            }
            return new CrowdAnswers(
                    classes, List.copyOf(itemIds), List.copyOf(workerIds), start, sortedWorker, sortedLabel);
        }

        private static int index(String id, Map<String, Integer> indexes, List<String> ids) {
            return indexes.computeIfAbsent(id, key -> {
                ids.add(key);
                return ids.size() - 1;
            });
        }
    }
}
