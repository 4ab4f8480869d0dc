package dev.verity.labeling;

import static dev.verity.labeling.LabelingBench.classifier;
import static dev.verity.labeling.LabelingBench.token;
import static dev.verity.labeling.LabelingBench.worker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.crowd.NewHit;
import dev.verity.fakes.InMemoryHitStore;
import dev.verity.job.ConflictException;
import dev.verity.job.InvalidRequestException;
import dev.verity.job.Violation;
import dev.verity.json.Json;
import dev.verity.labeling.CrowdTaskService.Visit;
import dev.verity.store.Assignment;
import dev.verity.store.HitStore.HitRecord;
import dev.verity.store.JobRecord;
import dev.verity.tasktype.InvalidAnswerException;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A public-crowd job over in-memory ports: its HITs, its task page's checks, its answers and its payments. */
class PublicCrowdTaskRulesTest {

    private static final String SANDBOX = "https://workersandbox.mturk.com";

    private final LabelingBench bench = new LabelingBench();

    private String job(String name, int objects, int workers) {
        return bench.publicImageJob(name, objects, workers, r -> {});
    }

    private HitRecord hit(String job, String objectId) {
        return bench.hits.hit(job, objectId).orElseThrow();
    }

    /** A worker accepts the object's HIT on Mechanical Turk; answers their visit as the task page gets it. */
    private Visit accept(String job, String objectId, String workerId) {
        String hitId = hit(job, objectId).hitId();
        return new Visit(hitId, bench.marketplace.accept(hitId, workerId), workerId, SANDBOX);
    }

    private CrowdAnswer answer(String job, String objectId, Visit visit, String label) {
        try {
            return bench.crowd.submit(job, objectId, visit, classifier(label));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> fields(Runnable call) {
        return catchThrowableOfType(InvalidRequestException.class, call::run).violations().stream()
                .map(Violation::field)
                .toList();
    }

    @Test
    void dispatchPublishesOneHitPerObjectWithTheJobsPriceTimesAssignmentsAndTaskPage() {
        String job = job("crowd-publish", 3, 2);

        assertThat(bench.marketplace.hits()).hasSize(3);
        HitRecord first = hit(job, "0");
        NewHit published = bench.marketplace.hits().get(first.hitId());
        assertThat(published.title()).isEqualTo("Label it");
        assertThat(published.description()).isEqualTo("Choose the right label");
        assertThat(published.keywords()).isEqualTo("animals,image classification");
        assertThat(published.reward()).isEqualTo("0.12");
        assertThat(published.maxAssignments()).isEqualTo(2);
        assertThat(published.assignmentDurationInSeconds()).isEqualTo(LabelingBench.TIME_LIMIT);
        assertThat(published.lifetimeInSeconds()).isEqualTo(3600);
        assertThat(published.question())
                .isEqualTo("<ExternalQuestion xmlns=\"http://mechanicalturk.amazonaws.com/AWSMechanicalTurkData"
                        + "Schemas/2006-07-14/ExternalQuestion.xsd\"><ExternalURL>https://verity.example/mturk.html?job="
                        + job + "&amp;object=0</ExternalURL><FrameHeight>0</FrameHeight></ExternalQuestion>");
        assertThat(published.uniqueRequestToken())
                .isEqualTo(HitPublisher.requestToken(bench.record(job), "0"))
                .hasSizeLessThanOrEqualTo(64);
        assertThat(first.dataObject().get("source-ref").asText()).endsWith("crowd-publish-0.jpg");
        assertThat(bench.queue.exists(job))
                .as("a task queue for a public-crowd job")
                .isFalse();
    }

    @Test
    void theRequestTokenDiffersBetweenObjectsAndBetweenJobsOfTheSameName() {
        String job = job("crowd-token", 2, 1);
        JobRecord record = bench.record(job);
        JobRecord again = JobRecord.created(
                record.name(),
                record.arn(),
                record.request(),
                record.categories(),
                record.createdAt().plusSeconds(1));

        assertThat(HitPublisher.requestToken(record, "0"))
                .isNotEqualTo(HitPublisher.requestToken(record, "1"))
                .isNotEqualTo(HitPublisher.requestToken(again, "0"))
                .isEqualTo(HitPublisher.requestToken(record, "0"));
    }

    @Test
    void aRepeatedDispatchPublishesNoObjectTwice() throws IOException {
        String job = job("crowd-redispatch", 3, 1);

        bench.tasks.dispatch(job, token(job), 0);

        assertThat(bench.marketplace.hits()).hasSize(3);
        assertThat(bench.marketplace.createCalls()).isEqualTo(3);
    }

    @Test
    void aHitWhoseRecordWasLostIsFoundAgainByItsRequestTokenNotCreatedTwice() {
        String job = job("crowd-lost-record", 1, 1);
        JobContext context = JobContext.load(bench.store, job);
        var object = new ChunkReader.ChunkObject("0", hit(job, "0").dataObject());
        // The HIT was created, then the record of it lost: as if the publisher had died between the two.
        HitRecord again = new HitPublisher(bench.marketplace, new InMemoryHitStore(), LabelingBench.CROWD_SETTINGS)
                .publish(context, 1, object, null);

        assertThat(again.hitId()).isEqualTo(hit(job, "0").hitId());
        assertThat(bench.marketplace.hits()).hasSize(1);
    }

    @Test
    void onlyMaxConcurrentTaskCountObjectsArePublishedAndACompletedObjectLetsTheNextIn() {
        String job = bench.publicImageJob(
                "crowd-window", 3, 1, r -> r.with("HumanTaskConfig").put("MaxConcurrentTaskCount", 1));
        assertThat(bench.marketplace.hits()).hasSize(1);

        answer(job, "0", accept(job, "0", "A1ALICE"), "cat");

        assertThat(bench.marketplace.hits()).hasSize(2);
        assertThat(bench.hits.hit(job, "1")).isPresent();
    }

    @Test
    void theTaskPageShowsTheObjectToAWorkerWhoAcceptedItsHitAndToAPreview() {
        String job = job("crowd-page", 1, 1);
        Visit visit = accept(job, "0", "A1ALICE");

        CrowdTask task = bench.crowd.task(job, "0", visit);
        CrowdTask preview = bench.crowd.task(job, "0", new Visit(visit.hitId(), CrowdTaskService.PREVIEW, null, null));

        assertThat(task.content().jobName()).isEqualTo(job);
        assertThat(task.content().datasetObjectId()).isEqualTo("0");
        assertThat(task.assignmentId()).isEqualTo(visit.assignmentId());
        assertThat(task.submitUrl()).isEqualTo(SANDBOX + "/mturk/externalSubmit");
        assertThat(task.content().taskInput().at("/labels")).isEqualTo(Json.parse("[\"cat\",\"dog\"]"));
        assertThat(task.content().taskInput().at("/taskObject").asText()).contains("crowd-page-0.jpg");
        assertThat(task.preview()).isFalse();
        assertThat(task.answered()).isFalse();
        assertThat(preview.preview()).isTrue();
        assertThat(preview.workerId()).isNull();
    }

    @Test
    void anAnswerPostedTwiceIsRecordedOnceAsTheWorkersAnswerToTheObject() throws Exception {
        String job = job("crowd-twice", 1, 2);
        Visit visit = accept(job, "0", "A1ALICE");

        CrowdAnswer first = answer(job, "0", visit, "cat");
        CrowdAnswer second = answer(job, "0", visit, "dog");

        assertThat(second).isEqualTo(first);
        assertThat(first.answer().status()).isEqualTo(Assignment.Status.SUBMITTED);
        assertThat(first.answer().assignmentId()).isEqualTo(visit.assignmentId());
        Assignment stored = bench.store.assignment(job, "0", "A1ALICE").orElseThrow();
        assertThat(stored.answer()).isEqualTo(classifier("cat"));
        assertThat(stored.receiptHandle()).isEqualTo(visit.assignmentId());
        assertThat(bench.store.answerCount(job, "0")).isEqualTo(1);
        assertThat(bench.store.submittedAnswers(job, 0, 0)).hasSize(1);
        assertThat(bench.crowd.task(job, "0", visit).answered()).isTrue();
        bench.finish(job);
        JsonNode file = Json.parse(bench.objects.text(bench.layout(job).workerResponse(1, "0", stored.submittedAt())));
        assertThat(file.at("/answers")).hasSize(1);
        assertThat(file.at("/answers/0/workerId").asText()).isEqualTo("A1ALICE");
        assertThat(file.at("/answers/0/workerMetadata/identityData"))
                .isEqualTo(Json.parse("{\"identityProviderType\":\"MechanicalTurk\",\"workerId\":\"A1ALICE\","
                        + "\"assignmentId\":\"" + visit.assignmentId() + "\"}"));
    }

    @Test
    void theBatchsLastAnswerCompletesItsObjectAndResumesTheWorkflow() {
        String job = job("crowd-last", 1, 2);
        answer(job, "0", accept(job, "0", "A1ALICE"), "cat");
        assertThat(bench.workflow.resumes(token(job))).isEmpty();

        answer(job, "0", accept(job, "0", "A2BOB"), "dog");

        assertThat(bench.store.isComplete(job, "0")).isTrue();
        assertThat(bench.workflow.resumes(token(job))).hasSize(1);
    }

    @Test
    void anAnswerTheTaskTypeRefusesIsNotRecordedAndTheWorkerMayAnswerAgain() {
        String job = job("crowd-invalid", 1, 1);
        Visit visit = accept(job, "0", "A1ALICE");

        assertThatThrownBy(() -> answer(job, "0", visit, "horse")).isInstanceOf(InvalidAnswerException.class);
        assertThat(bench.store.assignment(job, "0", "A1ALICE")).isEmpty();

        assertThat(answer(job, "0", visit, "dog").answer().status()).isEqualTo(Assignment.Status.SUBMITTED);
    }

    @Test
    void aHitThatIsNotTheObjectsOwnIsRefusedNamingIt() {
        String job = job("crowd-other-hit", 2, 1);
        Visit onObjectOne = accept(job, "1", "A1ALICE");

        assertThatThrownBy(() -> answer(job, "0", onObjectOne, "cat"))
                .isInstanceOf(ForbiddenException.class)
                .hasMessage("HIT " + onObjectOne.hitId() + " is not the HIT of object 0 of labeling job '" + job + "'");
        assertThatThrownBy(() -> bench.crowd.task(job, "0", onObjectOne)).isInstanceOf(ForbiddenException.class);
    }

    @Test
    void aForgedWorkerIdForAnAssignmentMechanicalTurkShowsAsAnothersIsRefused() {
        String job = job("crowd-forged-worker", 1, 2);
        Visit alice = accept(job, "0", "A1ALICE");
        bench.marketplace.submit(alice.assignmentId(), "<QuestionFormAnswers/>");
        Visit forged = new Visit(alice.hitId(), alice.assignmentId(), "A9MALLORY", SANDBOX);

        assertThatThrownBy(() -> answer(job, "0", forged, "dog"))
                .isInstanceOf(ForbiddenException.class)
                .hasMessage("assignment " + alice.assignmentId() + " is worker A1ALICE's, not worker A9MALLORY's");
        assertThatThrownBy(() -> bench.crowd.task(job, "0", forged)).isInstanceOf(ForbiddenException.class);
        assertThat(bench.store.answerCount(job, "0")).isZero();
    }

    @Test
    void anAssignmentAnsweredForOneWorkerIsRefusedForAnother() {
        String job = job("crowd-taken-assignment", 1, 2);
        Visit alice = accept(job, "0", "A1ALICE");
        answer(job, "0", alice, "cat");
        Visit forged = new Visit(alice.hitId(), alice.assignmentId(), "A9MALLORY", SANDBOX);

        assertThatThrownBy(() -> answer(job, "0", forged, "dog"))
                .isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("was answered by worker A1ALICE for object 0, not by worker A9MALLORY");
        assertThat(bench.store.answerCount(job, "0")).isEqualTo(1);
    }

    @Test
    void anObjectWithAllItsAnswersTakesNoMore() {
        String job = job("crowd-full", 1, 1);
        answer(job, "0", accept(job, "0", "A1ALICE"), "cat");
        Visit late = new Visit(hit(job, "0").hitId(), "3LATEASSIGNMENT", "A2BOB", SANDBOX);

        assertThatThrownBy(() -> answer(job, "0", late, "dog")).isInstanceOf(ConflictException.class);
        assertThat(bench.store.answerCount(job, "0")).isEqualTo(1);
    }

    @Test
    void malformedIdsAndAForeignSubmitSiteAreRefusedNamingEachField() {
        String job = job("crowd-malformed", 1, 1);
        String hitId = hit(job, "0").hitId();

        assertThat(fields(() -> bench.crowd.task(job, "x", new Visit("h i t", "a", "worker", "https://evil.example"))))
                .containsExactly("object", "hitId", "assignmentId", "workerId", "turkSubmitTo");
        assertThat(fields(() -> answer(job, "0", new Visit(hitId, CrowdTaskService.PREVIEW, "A1ALICE", null), "cat")))
                .containsExactly("assignmentId");
    }

    @Test
    void theWorkerPortalNeitherListsNorHandsOutPublicCrowdTasks() {
        String job = job("crowd-not-in-portal", 1, 1);

        assertThat(bench.tasks.openJobs(worker("w1")))
                .noneMatch(j -> j.jobName().equals(job));
        assertThatThrownBy(() -> bench.next(job, "w1"))
                .isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("published to the public crowd (Amazon Mechanical Turk)");
    }

    @Test
    void afterConsolidationTheAnswersMechanicalTurkShowsSubmittedAreApprovedOnce() throws Exception {
        String job = job("crowd-approve", 2, 1);
        Visit alice = accept(job, "0", "A1ALICE");
        answer(job, "0", alice, "cat");
        bench.marketplace.submit(alice.assignmentId(), "<QuestionFormAnswers/>");
        // A post whose assignment Mechanical Turk never shows submitted (made up, or never sent there).
        Visit unseen = accept(job, "1", "A2BOB");
        answer(job, "1", unseen, "dog");
        bench.estimateWorkers(job);

        bench.outputs.consolidate(job, 0);
        bench.outputs.consolidate(job, 0); // a retried step

        assertThat(bench.marketplace.status(alice.assignmentId())).isEqualTo("Approved");
        assertThat(bench.marketplace.status(unseen.assignmentId())).isEqualTo("Accepted");
        assertThat(bench.marketplace.approvals()).containsExactly(alice.assignmentId());
        JsonNode report = Json.parse(bench.objects.text(bench.layout(job).crowdApprovals(0)));
        assertThat(report.get("approved")).isEmpty(); // the retry's report: approved the first time
        assertThat(report.at("/approvedBefore/0/assignmentId").asText()).isEqualTo(alice.assignmentId());
        assertThat(report.at("/notApproved/0/assignmentId").asText()).isEqualTo(unseen.assignmentId());
        assertThat(report.at("/notApproved/0/reason").asText())
                .isEqualTo("Mechanical Turk shows no submitted assignment by that id");
    }

    @Test
    void aStoppedJobsHitsThatStillWaitForWorkersAreExpired() throws Exception {
        String job = job("crowd-stopped", 2, 1);
        answer(job, "0", accept(job, "0", "A1ALICE"), "cat");
        bench.jobService.stop(job);
        bench.estimateWorkers(job);
        var result = bench.outputs.consolidate(job, 0);

        bench.outputs.writeOutput(job, List.of(result));

        assertThat(bench.marketplace.expired()).containsExactly(hit(job, "1").hitId());
        assertThat(bench.record(job).status().name()).isEqualTo("Stopped");
    }
}
