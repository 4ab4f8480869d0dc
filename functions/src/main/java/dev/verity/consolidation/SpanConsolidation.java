package dev.verity.consolidation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Named-entity consolidation, Ground Truth's documented rule made exact: the workers' spans are clustered by Jaccard
 * similarity; each cluster becomes one entity whose boundaries are the mode of its members' (else the median) and
 * whose label is the one most assigned.
 *
 * <ul>
 *   <li><b>Clusters.</b> Spans are taken in text order (start, end, label); each joins the cluster it fits best,
 *       fitting meaning a Jaccard similarity above {@value #MIN_JACCARD} with <em>every</em> span already in it
 *       (complete linkage, so a chain of shifted spans does not grow into one entity); ties go to the earlier
 *       cluster, and a span that fits none starts its own. A worker's own spans never overlap, so a cluster holds at
 *       most one span per worker. Spans overlapping pairwise all share a character, so any start chosen from a
 *       cluster lies before any end chosen from it.</li>
 *   <li><b>Support.</b> A cluster is kept if at least half of the object's workers marked it: a span only one worker
 *       of three marked is dropped as spurious, one of two is kept. Workers who marked nothing still count.</li>
 *   <li><b>Boundaries.</b> Start and end separately: the value most members chose; when several values tie for most
 *       (all different included), the lower median, so a boundary is always one that some worker chose.</li>
 *   <li><b>Label.</b> The label most members chose. Ties are broken as {@link MajorityVote} breaks them (Ground Truth
 *       breaks them at random), seeded by the tie-break key and the chosen boundaries: the same object always gets
 *       the same label whatever order its answers come in.</li>
 *   <li><b>Confidence.</b> The share of the object's workers whose span has exactly the chosen boundaries and
 *       label, rounded half up to 2 decimals; 0 when one worker answered, as Ground Truth reports.</li>
 *   <li><b>Overlaps.</b> Kept entities of clusters that did not fit together may still overlap. The one more workers
 *       support wins, then the more confident, then the earlier span, so the output is a valid answer itself.</li>
 * </ul>
 */
public final class SpanConsolidation {

    /** Spans join a cluster only above this Jaccard similarity with each member: more than half their text shared. */
    private static final double MIN_JACCARD = 0.5;

    private static final Comparator<Candidate> STRONGEST_FIRST = Comparator.comparingInt(Candidate::support)
            .reversed()
            .thenComparing(
                    Comparator.comparingDouble((Candidate c) -> c.entity().confidence())
                            .reversed())
            .thenComparingInt(c -> c.entity().span().startOffset())
            .thenComparingInt(c -> c.entity().span().endOffset());

    private SpanConsolidation() {}

    /** One consolidated entity and how sure the workers are of it (0 to 1, 2 decimals). */
    public record Entity(TextSpan span, double confidence) {}

    private record Marked(int worker, TextSpan span) {}

    private record Candidate(Entity entity, int support) {}

    /**
     * @param spansByWorker one list per worker who answered the object (empty if the worker marked nothing); each
     *                      worker's spans must not overlap one another, as answer validation ensures
     * @param tieBreakKey   seeds the label tie-break, normally the data object's id
     * @return the entities in text order, none overlapping another
     */
    public static List<Entity> consolidate(List<List<TextSpan>> spansByWorker, String tieBreakKey) {
        if (spansByWorker.isEmpty()) {
            throw new IllegalArgumentException("consolidating spans needs at least one worker's answer");
        }
        int workers = spansByWorker.size();
        List<Candidate> candidates = new ArrayList<>();
        for (List<Marked> cluster : cluster(spansByWorker)) {
            if (2 * cluster.size() >= workers) {
                candidates.add(decide(cluster, workers, tieBreakKey));
            }
        }
        candidates.sort(STRONGEST_FIRST);
        List<Entity> kept = new ArrayList<>();
        for (Candidate candidate : candidates) {
            if (kept.stream()
                    .noneMatch(
                            entity -> entity.span().overlaps(candidate.entity().span()))) {
                kept.add(candidate.entity());
            }
        }
        kept.sort(Comparator.comparingInt(entity -> entity.span().startOffset()));
        return kept;
    }

    private static List<List<Marked>> cluster(List<List<TextSpan>> spansByWorker) {
        List<Marked> marked = new ArrayList<>();
        for (int worker = 0; worker < spansByWorker.size(); worker++) {
            for (TextSpan span : spansByWorker.get(worker)) {
                marked.add(new Marked(worker, span));
            }
        }
        marked.sort(Comparator.comparingInt((Marked m) -> m.span().startOffset())
                .thenComparingInt(m -> m.span().endOffset())
                .thenComparing(m -> m.span().label()));
        List<List<Marked>> clusters = new ArrayList<>();
        for (Marked span : marked) {
            List<Marked> best = null;
            double bestFit = MIN_JACCARD;
            for (List<Marked> cluster : clusters) {
                double fit = cluster.stream()
                        .mapToDouble(member -> member.span().jaccard(span.span()))
                        .min()
                        .orElseThrow();
                if (fit > bestFit) {
                    best = cluster;
                    bestFit = fit;
                }
            }
            if (best == null) {
                best = new ArrayList<>();
                clusters.add(best);
            }
            best.add(span);
        }
        return clusters;
    }

    private static Candidate decide(List<Marked> cluster, int workers, String tieBreakKey) {
        int start = boundary(cluster.stream().map(m -> m.span().startOffset()).toList());
        int end = boundary(cluster.stream().map(m -> m.span().endOffset()).toList());
        // Votes are indices into the sorted distinct labels, so the tie-break does not depend on answer order.
        List<String> labels =
                cluster.stream().map(m -> m.span().label()).distinct().sorted().toList();
        List<Integer> votes =
                cluster.stream().map(m -> labels.indexOf(m.span().label())).toList();
        String label = labels.get(MajorityVote.decide(votes, tieBreakKey + "@" + start + "-" + end)
                .winner());
        TextSpan chosen = new TextSpan(label, start, end);
        long agreeing = cluster.stream().filter(m -> m.span().equals(chosen)).count();
        double confidence = workers == 1 ? 0.0 : share(agreeing, workers);
        return new Candidate(new Entity(chosen, confidence), cluster.size());
    }

    /** The value chosen most often; if several tie for most, the lower median of all the values. */
    private static int boundary(List<Integer> values) {
        Map<Integer, Integer> counts = new TreeMap<>();
        values.forEach(value -> counts.merge(value, 1, Integer::sum));
        int most = Collections.max(counts.values());
        List<Integer> modes = counts.entrySet().stream()
                .filter(count -> count.getValue() == most)
                .map(Map.Entry::getKey)
                .toList();
        if (modes.size() == 1) {
            return modes.get(0);
        }
        List<Integer> sorted = values.stream().sorted().toList();
        return sorted.get((sorted.size() - 1) / 2);
    }

    private static double share(long part, int whole) {
        return BigDecimal.valueOf(part)
                .divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP)
                .doubleValue();
    }
}
