package dev.verity.labeling;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A call for each of a list's items, at most {@code parallelism} at once, results in the items' order: for calls that
 * mostly wait on another service (a requester's Lambda), so a block of objects takes about its slowest call's time
 * per {@code parallelism} objects instead of the sum of all.
 */
final class BoundedCalls {

    /** One call; may answer null. */
    @FunctionalInterface
    interface Call<T, R> {
        R apply(T item) throws IOException;
    }

    private BoundedCalls() {}

    /** @throws IOException (or the unchecked exception) of the first item, in order, whose call failed; the calls still running are interrupted */
    static <T, R> List<R> map(List<T> items, int parallelism, Call<T, R> call) throws IOException {
        if (items.size() <= 1 || parallelism <= 1) {
            List<R> results = new ArrayList<>(items.size());
            for (T item : items) {
                results.add(call.apply(item));
            }
            return results;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, items.size()));
        try {
            List<Future<R>> running = new ArrayList<>(items.size());
            for (T item : items) {
                running.add(pool.submit(() -> call.apply(item)));
            }
            List<R> results = new ArrayList<>(items.size());
            for (Future<R> result : running) {
                results.add(result.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof UncheckedIOException unchecked) {
                throw unchecked;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw (Error) cause;
        } finally {
            pool.shutdownNow();
        }
    }
}
