package dev.verity.consolidation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Bounding-box consolidation over a batch of images, after Ground Truth's: boxes from different workers are matched by
 * their Jaccard index (IoU) and matched boxes are averaged, with a confidence per box.
 *
 * <p>Per image, with {@code n} the number of workers who answered it (a worker who drew nothing counts too):
 * <ol>
 *   <li><b>Matching.</b> Every two boxes of the same class drawn by different workers with IoU at least
 *       {@value #MIN_IOU} are a candidate pair. Pairs are taken by descending IoU; a pair joins its two clusters when
 *       they hold no box of the same worker and every box of one has IoU at least {@value #MIN_IOU} with every box of
 *       the other (complete linkage: a chain of slightly shifted boxes cannot drift into one cluster).</li>
 *   <li><b>Keeping.</b> A cluster is kept if at least half the workers drew it ({@code 2 * size >= n}): with three
 *       workers a box one worker alone drew is dropped; with one or two workers every box is kept.</li>
 *   <li><b>Averaging.</b> A kept cluster's box is the mean of its boxes' edges, each weighted by its worker's
 *       quality.</li>
 *   <li><b>Confidence.</b> The share of the workers who drew the box times the mean IoU of their boxes with the
 *       consensus box, rounded to 2 decimals; 0 when one worker answered, as Ground Truth reports.</li>
 * </ol>
 *
 * <p><b>Worker quality</b> is estimated within the batch from agreement with the consensus: a smoothed soft Jaccard
 * index between what the worker drew and the kept boxes, {@code (1 + sum of the IoUs of the worker's kept boxes with
 * their consensus) / (2 + boxes the worker drew + kept boxes the worker missed)}. Spurious boxes, missed objects and
 * loose boxes all lower it; the +1/+2 prior puts a worker with no evidence at 0.5 and keeps every weight above 0.
 * The first consensus weighs everyone equally; quality is then re-estimated from the weighted consensus
 * {@value #QUALITY_ROUNDS} times (the averages settle within a pixel or so by then). Matching and keeping do not
 * depend on quality, so the clusters are found once.
 *
 * <p>Workers are ordered by id before matching, so the result does not depend on the order answers arrived in.
 */
public final class BoxConsolidation {

    public static final double MIN_IOU = 0.5;
    private static final int QUALITY_ROUNDS = 2;

    private BoxConsolidation() {}

    /** One worker's boxes for one image; an empty list means the worker saw nothing to box. */
    public record WorkerBoxes(String workerId, List<Box> boxes) {

        public WorkerBoxes {
            boxes = List.copyOf(boxes);
        }
    }

    /** Every worker's answer for one image, one answer per worker. */
    public record Image(String id, List<WorkerBoxes> answers) {

        public Image {
            answers = answers.stream()
                    .sorted(Comparator.comparing(WorkerBoxes::workerId))
                    .toList();
            if (answers.stream().map(WorkerBoxes::workerId).distinct().count() != answers.size()) {
                throw new IllegalArgumentException("image " + id + " has two answers from the same worker");
            }
        }
    }

    /** A consolidated box and how sure the workers are of it (0 to 1, 2 decimals). */
    public record ConsensusBox(Box box, double confidence) {}

    /** @return per image, in batch order, its kept boxes ordered top to bottom, then left to right, then by class */
    public static List<List<ConsensusBox>> consolidate(List<Image> batch) {
        List<List<Cluster>> clusters =
                batch.stream().map(BoxConsolidation::keptClusters).toList();
        Map<String, Double> quality = Map.of();
        for (int round = 0; round < QUALITY_ROUNDS; round++) {
            quality = workerQuality(batch, clusters, quality);
        }
        List<List<ConsensusBox>> result = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            int workers = batch.get(i).answers().size();
            List<ConsensusBox> boxes = new ArrayList<>();
            for (Cluster cluster : clusters.get(i)) {
                Box consensus = cluster.average(quality);
                double confidence =
                        workers == 1 ? 0.0 : round2((double) cluster.size() / workers * cluster.meanIou(consensus));
                boxes.add(new ConsensusBox(consensus, confidence));
            }
            boxes.sort(Comparator.comparingDouble((ConsensusBox b) -> b.box().top())
                    .thenComparingDouble(b -> b.box().left())
                    .thenComparingInt(b -> b.box().classId()));
            result.add(boxes);
        }
        return result;
    }

    private static List<Cluster> keptClusters(Image image) {
        List<Member> members = new ArrayList<>();
        for (WorkerBoxes answer : image.answers()) {
            answer.boxes().forEach(box -> members.add(new Member(answer.workerId(), box)));
        }
        List<Cluster> clusters = new ArrayList<>();
        Cluster[] clusterOf = new Cluster[members.size()];
        for (int i = 0; i < members.size(); i++) {
            clusterOf[i] = new Cluster(members.get(i));
            clusters.add(clusterOf[i]);
        }
        for (Pair pair : candidatePairs(members)) {
            Cluster a = clusterOf[pair.first()];
            Cluster b = clusterOf[pair.second()];
            if (a != b && a.canJoin(b)) {
                a.absorb(b);
                for (int k = 0; k < clusterOf.length; k++) {
                    if (clusterOf[k] == b) {
                        clusterOf[k] = a;
                    }
                }
                clusters.remove(b);
            }
        }
        int workers = image.answers().size();
        return clusters.stream()
                .filter(cluster -> 2 * cluster.size() >= workers)
                .toList();
    }

    private static List<Pair> candidatePairs(List<Member> members) {
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            for (int j = i + 1; j < members.size(); j++) {
                Member a = members.get(i);
                Member b = members.get(j);
                if (!a.workerId().equals(b.workerId())
                        && a.box().classId() == b.box().classId()) {
                    double iou = a.box().iou(b.box());
                    if (iou >= MIN_IOU) {
                        pairs.add(new Pair(i, j, iou));
                    }
                }
            }
        }
        // Best matches first; equal IoUs in a fixed order so the outcome is reproducible.
        pairs.sort(Comparator.comparingDouble(Pair::iou)
                .reversed()
                .thenComparingInt(Pair::first)
                .thenComparingInt(Pair::second));
        return pairs;
    }

    private static Map<String, Double> workerQuality(
            List<Image> batch, List<List<Cluster>> clusters, Map<String, Double> weights) {
        Map<String, double[]> evidence = new HashMap<>(); // worker -> {sum of IoUs, drawn + missed}
        for (int i = 0; i < batch.size(); i++) {
            for (WorkerBoxes answer : batch.get(i).answers()) {
                evidence.computeIfAbsent(answer.workerId(), w -> new double[2])[1] +=
                        answer.boxes().size();
            }
            for (Cluster cluster : clusters.get(i)) {
                Box consensus = cluster.average(weights);
                for (WorkerBoxes answer : batch.get(i).answers()) {
                    double[] worker = evidence.get(answer.workerId());
                    Box drawn = cluster.boxOf(answer.workerId());
                    if (drawn == null) {
                        worker[1]++;
                    } else {
                        worker[0] += drawn.iou(consensus);
                    }
                }
            }
        }
        Map<String, Double> quality = new HashMap<>();
        evidence.forEach((worker, e) -> quality.put(worker, (1 + e[0]) / (2 + e[1])));
        return quality;
    }

    private static double round2(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).doubleValue();
    }

    private record Member(String workerId, Box box) {}

    private record Pair(int first, int second, double iou) {}

    /** Boxes believed to show one object: one box per worker, all of one class. */
    private static final class Cluster {

        private final List<Member> members = new ArrayList<>();
        private final Set<String> workers = new HashSet<>();

        Cluster(Member first) {
            absorbMember(first);
        }

        int size() {
            return members.size();
        }

        boolean canJoin(Cluster other) {
            if (other.workers.stream().anyMatch(workers::contains)) {
                return false;
            }
            return members.stream()
                    .allMatch(mine ->
                            other.members.stream().allMatch(theirs -> mine.box().iou(theirs.box()) >= MIN_IOU));
        }

        void absorb(Cluster other) {
            other.members.forEach(this::absorbMember);
        }

        private void absorbMember(Member member) {
            members.add(member);
            workers.add(member.workerId());
        }

        Box boxOf(String workerId) {
            return members.stream()
                    .filter(m -> m.workerId().equals(workerId))
                    .map(Member::box)
                    .findFirst()
                    .orElse(null);
        }

        /** Edges averaged with each worker's weight; a worker without an estimate weighs 1. */
        Box average(Map<String, Double> weights) {
            double total = 0;
            double left = 0;
            double top = 0;
            double right = 0;
            double bottom = 0;
            for (Member member : members) {
                double weight = weights.getOrDefault(member.workerId(), 1.0);
                total += weight;
                left += weight * member.box().left();
                top += weight * member.box().top();
                right += weight * member.box().right();
                bottom += weight * member.box().bottom();
            }
            int classId = members.get(0).box().classId();
            return new Box(classId, left / total, top / total, (right - left) / total, (bottom - top) / total);
        }

        double meanIou(Box consensus) {
            return members.stream()
                    .mapToDouble(m -> m.box().iou(consensus))
                    .average()
                    .orElseThrow();
        }
    }
}
