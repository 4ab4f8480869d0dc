package dev.verity.labeling;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.crowd.CrowdMarketplace;
import dev.verity.crowd.ExternalQuestion;
import dev.verity.crowd.Hit;
import dev.verity.crowd.NewHit;
import dev.verity.job.CreateLabelingJobRequest.HumanTaskConfig;
import dev.verity.job.PublicCrowd;
import dev.verity.store.HitStore;
import dev.verity.store.HitStore.HitRecord;
import dev.verity.store.JobRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a public-crowd job's objects to the crowd marketplace: one HIT per object, as many assignments as the
 * object needs answers, the job's price, time limit, availability, title, description and keywords, and an
 * ExternalQuestion that opens the object's task page. Publishing an object twice creates one HIT: the object's HIT is
 * kept in the {@link HitStore}, and the marketplace call carries a request token made from the job and the object.
 */
final class HitPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(HitPublisher.class);

    /** For a deployment without a marketplace: publishing is refused. */
    static final HitPublisher NONE = new HitPublisher(null, null, new CrowdSettings(null, null));

    private final CrowdMarketplace marketplace;
    private final HitStore hits;
    private final CrowdSettings settings;

    HitPublisher(CrowdMarketplace marketplace, HitStore hits, CrowdSettings settings) {
        this.marketplace = marketplace;
        this.hits = hits;
        this.settings = settings;
    }

    CrowdMarketplace marketplace() {
        return require(marketplace);
    }

    HitStore hits() {
        return require(hits);
    }

    CrowdSettings settings() {
        return settings;
    }

    private static <T> T require(T part) {
        if (part == null) {
            throw new IllegalStateException("this deployment has no crowd marketplace (Mechanical Turk) configured");
        }
        return part;
    }

    /** The object's HIT: the one published before, or a new one. */
    HitRecord publish(JobContext job, int batch, ChunkReader.ChunkObject object, JsonNode taskInput) {
        var published = hits().hit(job.name(), object.objectId());
        if (published.isPresent()) {
            return published.get();
        }
        HumanTaskConfig human = job.request().humanTaskConfig();
        NewHit request = new NewHit(
                human.taskTitle(),
                human.taskDescription(),
                human.taskKeywords().isEmpty() ? null : String.join(",", human.taskKeywords()),
                PublicCrowd.reward(PublicCrowd.mills(human.publicWorkforceTaskPrice())),
                job.workersPerObject(),
                human.taskTimeLimitInSeconds(),
                human.taskAvailabilityLifetimeInSeconds(),
                ExternalQuestion.of(settings.taskPage(job.name(), object.objectId())),
                requestToken(job.record(), object.objectId()),
                "verity:" + job.name() + "/" + object.objectId());
        Hit hit = marketplace().createHit(request);
        HitRecord record = new HitRecord(job.name(), object.objectId(), hit.hitId(), batch, object.line(), taskInput);
        if (!hits().putHit(record)) {
            return hits().hit(job.name(), object.objectId()).orElseThrow(); // a concurrent publisher recorded it
        }
        return record;
    }

    /**
     * The CreateHIT request token of one object of one job: the same on every retry, distinct for another job of the
     * same name (its ARN and creation time differ) or another deployment sharing the requester account. 64 hex
     * characters at most, as Mechanical Turk allows.
     */
    static String requestToken(JobRecord job, String objectId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((job.arn() + "\n" + job.createdAt() + "\n" + objectId).getBytes(StandardCharsets.UTF_8));
            return "verity-" + HexFormat.of().formatHex(digest).substring(0, 56);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Ends the availability of the job's HITs whose objects are not complete (the job stopped or failed), so no more
     * workers accept them. Best effort: a HIT that could not be expired is logged and left to lapse.
     */
    void expireOpen(JobContext job, Predicate<String> complete) {
        if (marketplace == null || hits == null) {
            return;
        }
        for (HitRecord hit : hits.hits(job.name())) {
            if (complete.test(hit.objectId())) {
                continue;
            }
            try {
                marketplace.expire(hit.hitId());
            } catch (RuntimeException e) { // refused, or Mechanical Turk out of reach: the HIT lapses at its lifetime
                LOG.warn("HIT {} of object {} was not expired: {}", hit.hitId(), hit.objectId(), e.getMessage());
            }
        }
    }
}
