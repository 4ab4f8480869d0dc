package dev.verity.consolidation;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole job's single-label answers for one Dawid–Skene estimate of its workers, gathered chunk by chunk: each chunk's
 * answers are written as class indexes in a small binary file ({@link #write}), and the files are appended here one
 * after another ({@link #add}), so the job's answers are never held as JSON, nor its item ids at all. What stays is
 * four ints per answer and item at most (item start, worker, class, gold class): 16 bytes per answer with one answer
 * per object, and the workers' ids once.
 */
public final class JobAnswers {

    /** The chunk's answers as the task type indexed them, with each item's gold class or -1. */
    public record Chunk(CrowdAnswers answers, int[] known) {}

    private static final int FORMAT = 0x4a410001; // "JA", version 1

    private final int classes;
    private final Map<String, Integer> workerIndex = new HashMap<>();
    private final List<String> workerIds = new ArrayList<>();
    private int[] itemStart = new int[1024];
    private int[] known = new int[1024];
    private int[] worker = new int[1024];
    private int[] label = new int[1024];
    private int items;
    private int answers;

    public JobAnswers(int classes) {
        this.classes = classes;
    }

    /** Writes a chunk's answers: its workers' ids, then per item its gold class and its answers (worker, class). */
    public static void write(Chunk chunk, OutputStream out) throws IOException {
        CrowdAnswers a = chunk.answers();
        DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out));
        data.writeInt(FORMAT);
        data.writeInt(a.classes());
        data.writeInt(a.workers());
        for (int w = 0; w < a.workers(); w++) {
            data.writeUTF(a.workerId(w));
        }
        data.writeInt(a.items());
        for (int item = 0; item < a.items(); item++) {
            data.writeInt(chunk.known()[item]);
            data.writeInt(a.firstAnswer(item + 1) - a.firstAnswer(item));
            for (int answer = a.firstAnswer(item); answer < a.firstAnswer(item + 1); answer++) {
                data.writeInt(a.worker(answer));
                data.writeInt(a.label(answer));
            }
        }
        data.flush();
    }

    /** Appends a chunk's answers as {@link #write} wrote them; the chunk's workers are matched to the job's by id. */
    public void add(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(new BufferedInputStream(in));
        if (data.readInt() != FORMAT) {
            throw new IOException("not a chunk of answers written by JobAnswers.write");
        }
        int chunkClasses = data.readInt();
        if (chunkClasses != classes) {
            throw new IOException("a chunk of " + chunkClasses + " classes in a job of " + classes);
        }
        int[] jobWorker = new int[data.readInt()];
        for (int w = 0; w < jobWorker.length; w++) {
            jobWorker[w] = workerIndex.computeIfAbsent(data.readUTF(), id -> {
                workerIds.add(id);
                return workerIds.size() - 1;
            });
        }
        int chunkItems = data.readInt();
        for (int item = 0; item < chunkItems; item++) {
            if (items + 1 >= itemStart.length) {
                itemStart = Arrays.copyOf(itemStart, itemStart.length * 2);
                known = Arrays.copyOf(known, known.length * 2);
            }
            itemStart[items] = answers;
            known[items] = data.readInt();
            items++;
            int count = data.readInt();
            for (int i = 0; i < count; i++) {
                if (answers == worker.length) {
                    worker = Arrays.copyOf(worker, answers * 2);
                    label = Arrays.copyOf(label, answers * 2);
                }
                worker[answers] = jobWorker[data.readInt()];
                label[answers] = data.readInt();
                answers++;
            }
        }
    }

    /** The answers added so far, grouped by item; items are numbered in the order they were added. */
    public CrowdAnswers answers() {
        int[] start = Arrays.copyOf(itemStart, items + 1);
        start[items] = answers;
        return CrowdAnswers.numbered(
                classes, workerIds, start, Arrays.copyOf(worker, answers), Arrays.copyOf(label, answers));
    }

    /** Each item's gold class, or -1, by the item numbers of {@link #answers()}. */
    public int[] known() {
        return Arrays.copyOf(known, items);
    }
}
