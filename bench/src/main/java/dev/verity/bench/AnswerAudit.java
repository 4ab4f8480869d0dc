package dev.verity.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.json.Json;
import dev.verity.local.ApiClient;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * After the run: were the answers the service accepted (2xx) all stored, each once? Compared against both places an
 * answer lives: the job store, read through the requester API ({@code GET /jobs/{name}/objects/{id}/answers}, what
 * consolidation reads) and Ground Truth's worker-response files in S3 (one per object and batch holding its answers,
 * written at consolidation; one per answer before that, under {@code <output>/<job>/annotations/worker-response/}).
 */
final class AnswerAudit {

    /** An answer: which worker ({@code sub}) answered which data object. */
    record Answer(String objectId, String workerId) {}

    /**
     * One place's answers against the accepted ones.
     *
     * @param stored         answers found there
     * @param lost           accepted answers not found
     * @param duplicated     answers found more than once (each extra copy counts)
     * @param overAnswered   objects with more answers than {@code NumberOfHumanWorkersPerDataObject}
     * @param unacknowledged answers found that no worker got a 2xx for (a submit that failed or timed out late)
     */
    record Check(String place, long stored, long lost, long duplicated, long overAnswered, long unacknowledged) {}

    /** Both checks, and answers a worker was accepted for twice (the service handed them the same object again). */
    record Result(long accepted, long acceptedTwice, List<Check> checks) {

        boolean clean() {
            return acceptedTwice == 0
                    && checks.stream().allMatch(c -> c.lost() == 0 && c.duplicated() == 0 && c.overAnswered() == 0);
        }
    }

    private static final int READ_THREADS = 4;

    private final LoadTarget target;
    private final ApiClient requester;
    private final String job;
    private final int workersPerObject;

    AnswerAudit(LoadTarget target, ApiClient requester, String job, int workersPerObject) {
        this.target = target;
        this.requester = requester;
        this.job = job;
        this.workersPerObject = workersPerObject;
    }

    Result run(List<Answer> accepted) throws Exception {
        Set<Answer> acceptedSet = new HashSet<>(accepted);
        List<Answer> files = workerResponseFiles();
        Set<String> objects = new TreeSet<>();
        accepted.forEach(a -> objects.add(a.objectId()));
        files.forEach(a -> objects.add(a.objectId()));
        List<Answer> store = jobStore(objects);
        return new Result(
                accepted.size(),
                accepted.size() - acceptedSet.size(),
                List.of(
                        check("job store (requester API, answers of each object)", acceptedSet, store),
                        check("worker-response files (S3)", acceptedSet, files)));
    }

    private Check check(String place, Set<Answer> accepted, List<Answer> found) {
        Map<Answer, Integer> copies = new HashMap<>();
        found.forEach(a -> copies.merge(a, 1, Integer::sum));
        Map<String, Integer> perObject = new HashMap<>();
        copies.keySet().forEach(a -> perObject.merge(a.objectId(), 1, Integer::sum));
        long lost = accepted.stream().filter(a -> !copies.containsKey(a)).count();
        long duplicated = copies.values().stream().mapToLong(n -> n - 1).sum();
        long overAnswered =
                perObject.values().stream().filter(n -> n > workersPerObject).count();
        long unacknowledged =
                copies.keySet().stream().filter(a -> !accepted.contains(a)).count();
        return new Check(place, found.size(), lost, duplicated, overAnswered, unacknowledged);
    }

    /** Every worker-response file of the job: its object from the path, its worker from the content. */
    private List<Answer> workerResponseFiles() throws Exception {
        String prefix = LoadJob.OUTPUT_PREFIX + job + "/annotations/worker-response/";
        List<String> keys =
                target
                        .s3()
                        .listObjectsV2Paginator(b -> b.bucket(target.bucket()).prefix(prefix))
                        .contents()
                        .stream()
                        .map(S3Object::key)
                        .filter(k -> k.endsWith(".json"))
                        .toList();
        return parallel(keys, key -> {
            // iteration-<n>/<object id>/<submitted at>.json
            String[] parts = key.substring(prefix.length()).split("/");
            JsonNode file = Json.MAPPER.readTree(target.s3()
                    .getObjectAsBytes(b -> b.bucket(target.bucket()).key(key))
                    .asByteArray());
            List<Answer> answers = new ArrayList<>();
            file.path("answers")
                    .forEach(a ->
                            answers.add(new Answer(parts[1], a.path("workerId").asText())));
            return answers;
        });
    }

    /** The job store's answers to each of {@code objects}, as the requester console lists them. */
    private List<Answer> jobStore(Collection<String> objects) throws Exception {
        return parallel(objects, object -> {
            JsonNode body = requester.expect(
                    requester.get("/jobs/" + job + "/objects/" + object + "/answers"),
                    "reading the answers to object " + object);
            List<Answer> answers = new ArrayList<>();
            body.path("answers")
                    .forEach(a ->
                            answers.add(new Answer(object, a.path("workerId").asText())));
            return answers;
        });
    }

    private interface Read<T> {
        List<Answer> apply(T item) throws Exception;
    }

    /** Reads every item's answers on a few threads: thousands of small reads one by one would take minutes. */
    private static <T> List<Answer> parallel(Collection<T> items, Read<T> read) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(READ_THREADS);
        try {
            List<Future<List<Answer>>> reads = new ArrayList<>();
            for (T item : items) {
                reads.add(pool.submit(() -> read.apply(item)));
            }
            List<Answer> all = new ArrayList<>();
            for (Future<List<Answer>> future : reads) {
                all.addAll(future.get());
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }
}
