package dev.verity.labeling;

import static dev.verity.labeling.LabelingBench.ACCOUNT;
import static dev.verity.labeling.LabelingBench.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.fakes.InMemoryJobStore;
import dev.verity.job.ConflictException;
import dev.verity.job.InvalidRequestException;
import dev.verity.job.LabelCounters;
import dev.verity.job.LabelingJobStatus;
import dev.verity.job.NotFoundException;
import dev.verity.job.Violation;
import dev.verity.json.Json;
import dev.verity.manifest.S3Uri;
import dev.verity.store.JobRecord;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Creating, listing, describing, stopping and resuming jobs: JobService over in-memory ports. */
class JobServiceTest {

    private final LabelingBench bench = new LabelingBench();

    private static InvalidRequestException invalid(Runnable call) {
        try {
            call.run();
        } catch (InvalidRequestException e) {
            return e;
        }
        throw new AssertionError("the request was accepted");
    }

    private void fail(String job, String reason) {
        assertThat(bench.store.transition(
                        job,
                        EnumSet.of(LabelingJobStatus.Initializing, LabelingJobStatus.InProgress),
                        LabelingJobStatus.Failed,
                        reason))
                .isTrue();
    }

    @Test
    void aNewJobIsStoredInitializingAndItsWorkflowStartsUnderItsName() {
        ObjectNode request = bench.imageRequest("Animals", 2, 1, r -> {});

        String arn = bench.jobService.create(request, ACCOUNT);

        assertThat(arn).isEqualTo("arn:aws:sagemaker:us-east-1:111122223333:labeling-job/animals");
        assertThat(bench.record("Animals").status()).isEqualTo(LabelingJobStatus.Initializing);
        JsonNode input = bench.workflow.execution("Animals");
        assertThat(input.get("jobName").asText()).isEqualTo("Animals");
        assertThat(input.get("taskAvailabilityLifetimeInSeconds").asInt()).isEqualTo(86400);
    }

    @Test
    void repeatingAnIdenticalRequestAnswersTheSameArnAndMakesNoSecondJob() {
        ObjectNode request = bench.imageRequest("retried-create", 2, 1, r -> {});
        String arn = bench.jobService.create(request, ACCOUNT);

        String again = bench.jobService.create(request.deepCopy(), ACCOUNT);

        assertThat(again).isEqualTo(arn);
        assertThat(bench.store.list(10, null, null).jobs()).hasSize(1);
        assertThat(bench.workflow.starts()).hasSize(2).allMatch(start -> start.accepted());
    }

    @Test
    void anotherJobWithTheSameNameIgnoringCaseIsAConflict() {
        bench.jobService.create(bench.imageRequest("Birds", 2, 1, r -> {}), ACCOUNT);

        assertThatThrownBy(() -> bench.jobService.create(bench.imageRequest("birds", 2, 1, r -> {}), ACCOUNT))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("'Birds' exists already");
        assertThat(bench.workflow.starts()).hasSize(1);
    }

    @Test
    void aRefusedRequestNamesEveryProblemAtOnceAndStoresNothing() {
        ObjectNode request = bench.imageRequest(
                "broken",
                2,
                1,
                r -> r.put("LabelCategoryConfigS3Uri", "s3://verity-data/input/missing.json")
                        .with("InputConfig")
                        .with("DataSource")
                        .with("S3DataSource")
                        .put("ManifestS3Uri", "s3://verity-data/input/missing.manifest"));

        InvalidRequestException refused = invalid(() -> bench.jobService.create(request, ACCOUNT));

        assertThat(refused.violations())
                .extracting(Violation::field)
                .contains("InputConfig.DataSource.S3DataSource.ManifestS3Uri", "LabelCategoryConfigS3Uri");
        assertThat(bench.store.get("broken")).isEmpty();
        assertThat(bench.workflow.starts()).isEmpty();
    }

    @Test
    void aCustomLambdaNamedOutsideTheDeploymentsPrefixIsRefused() {
        ObjectNode request = bench.customRequest("foreign-lambda", 1, 1);
        request.with("HumanTaskConfig")
                .put("PreHumanTaskLambdaArn", "arn:aws:lambda:us-east-1:111122223333:function:someone-elses");

        InvalidRequestException refused = invalid(() -> bench.jobService.create(request, ACCOUNT));

        assertThat(refused.violations()).anySatisfy(v -> {
            assertThat(v.field()).isEqualTo("HumanTaskConfig.PreHumanTaskLambdaArn");
            assertThat(v.message()).contains("\"verity-custom-\"");
        });
    }

    @Test
    void aConsolidationMethodIsTakenForClassificationAndRefusedForATaskTypeWithOneConsolidation() {
        ObjectNode classification =
                bench.imageRequest("ground-truth-method", 2, 1, r -> r.put("ConsolidationMethod", "GroundTruth"));
        bench.jobService.create(classification, ACCOUNT);
        ObjectNode custom = bench.customRequest("custom-method", 1, 1);
        custom.put("ConsolidationMethod", "GroundTruth");

        InvalidRequestException refused = invalid(() -> bench.jobService.create(custom, ACCOUNT));

        assertThat(bench.record("ground-truth-method")
                        .request()
                        .get("ConsolidationMethod")
                        .asText())
                .isEqualTo("GroundTruth");
        assertThat(refused.violations())
                .containsExactly(new Violation(
                        "ConsolidationMethod",
                        "task type Custom has one consolidation; the method is chosen for single-label classification and "
                                + "bounding-box verification only"));
        assertThat(bench.store.get("custom-method")).isEmpty();
    }

    @Test
    void aManifestVerityMayNotReadIsRefusedWithWhatToGrant() {
        ObjectNode request = bench.imageRequest("unreadable", 2, 1, r -> {});
        bench.objects.denyReads(S3Uri.parse("s3://verity-data/input/unreadable.manifest"));

        InvalidRequestException refused = invalid(() -> bench.jobService.create(request, ACCOUNT));

        assertThat(refused.violations()).anySatisfy(v -> assertThat(v.message()).contains("Verity may not read"));
    }

    @Test
    void stoppingARunningJobMovesItToStoppingAndLetsItsWaitingWorkflowGoOn() {
        String job = bench.imageJob("stop-running", 2, 1);

        bench.jobService.stop(job);

        assertThat(bench.record(job).status()).isEqualTo(LabelingJobStatus.Stopping);
        assertThat(bench.workflow.resumes(token(job)))
                .singleElement()
                .satisfies(
                        r -> assertThat(r.output().get("stopped").asBoolean()).isTrue());
    }

    @Test
    void stoppingAJobThatIsStoppingAlreadyChangesNothing() {
        String job = bench.imageJob("stop-twice", 2, 1);
        bench.jobService.stop(job);

        bench.jobService.stop(job);

        assertThat(bench.record(job).status()).isEqualTo(LabelingJobStatus.Stopping);
        assertThat(bench.workflow.resumes(token(job))).hasSize(1);
    }

    @Test
    void stoppingAJobWhoseWorkflowWaitsOnNoTaskResumesNothing() {
        bench.jobService.create(bench.imageRequest("stop-initializing", 2, 1, r -> {}), ACCOUNT);

        bench.jobService.stop("stop-initializing");

        assertThat(bench.record("stop-initializing").status()).isEqualTo(LabelingJobStatus.Stopping);
        assertThat(bench.workflow.resumes()).isEmpty();
    }

    @Test
    void aJobThatHasEndedCannotBeStopped() {
        String job = bench.imageJob("stop-completed", 1, 1);
        bench.store.transition(job, Set.of(LabelingJobStatus.InProgress), LabelingJobStatus.Completed, null);

        assertThatThrownBy(() -> bench.jobService.stop(job))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("has status Completed and cannot be stopped");
        assertThat(bench.record(job).status()).isEqualTo(LabelingJobStatus.Completed);
    }

    @Test
    void stoppingAJobThatDoesNotExistIsNotFound() {
        assertThatThrownBy(() -> bench.jobService.stop("no-such-job")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void onlyAFailedJobCanBeResumed() {
        String job = bench.imageJob("resume-running", 1, 1);

        assertThatThrownBy(() -> bench.jobService.resume(job))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("has status InProgress; only a failed job can be resumed");
    }

    @Test
    void aJobThatFailedBeforeAnyTaskWasSentIsNotResumedAndTheReasonIsRepeated() {
        String job = bench.createAndSelect(bench.imageRequest("failed-early", 1, 1, r -> {}));
        fail(job, "States.TaskFailed: the manifest vanished");

        assertThatThrownBy(() -> bench.jobService.resume(job))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("failed before any task was sent to workers")
                .hasMessageContaining("the manifest vanished");
        assertThat(bench.record(job).status()).isEqualTo(LabelingJobStatus.Failed);
    }

    @Test
    void aJobWithAutomatedLabelingIsNotResumedYet() {
        ObjectNode request = bench.imageRequest(
                "auto-failed",
                1250,
                1,
                r -> r.set(
                        "LabelingJobAlgorithmsConfig",
                        Json.parse(
                                "{\"LabelingJobAlgorithmSpecificationArn\":\"arn:aws:sagemaker:us-east-1:027400017018:"
                                        + "labeling-job-algorithm-specification/image-classification\"}")));
        bench.jobService.create(request, ACCOUNT);
        bench.store.startBatch("auto-failed", 1, 100);
        fail("auto-failed", "consolidation broke");

        assertThatThrownBy(() -> bench.jobService.resume("auto-failed"))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("automated labeling is not supported yet");
    }

    @Test
    void aFailedJobResumesInANewExecutionNamedAfterTheJobAndTheTime() {
        LabelingBench chunked = new LabelingBench(InMemoryJobStore::new, 2);
        String job = chunked.imageJob("failed-late", 3, 1);
        chunked.store.transition(job, Set.of(LabelingJobStatus.InProgress), LabelingJobStatus.Failed, "boom");

        chunked.jobService.resume(job);

        JobRecord resumed = chunked.record(job);
        assertThat(resumed.status()).isEqualTo(LabelingJobStatus.InProgress);
        assertThat(resumed.failureReason()).isNull();
        String execution = job + "-resume-" + Long.toString(chunked.clock.millis(), 36);
        JsonNode input = chunked.workflow.execution(execution);
        assertThat(input).as("execution " + execution).isNotNull();
        assertThat(input.at("/resume/selected/chunks")).isEqualTo(Json.parse("[0,1]"));
        assertThat(input.at("/resume/selected/selectedObjects").asLong()).isEqualTo(3);
        assertThat(input.at("/resume/activeLearning/done").asBoolean()).isTrue();
    }

    @Test
    void aResumeThatLosesTheRaceToAnotherResumeIsRefusedAndStartsNothing() {
        LabelingBench racing = new LabelingBench(
                clock -> new InMemoryJobStore(clock) {
                    @Override
                    public synchronized boolean transition(
                            String jobName, Set<LabelingJobStatus> from, LabelingJobStatus to, String failureReason) {
                        if (from.equals(Set.of(LabelingJobStatus.Failed))) {
                            super.transition(jobName, from, to, failureReason); // the other resume, a moment earlier
                        }
                        return super.transition(jobName, from, to, failureReason);
                    }
                },
                JobLayout.CHUNK_SIZE);
        String job = racing.imageJob("resumed-twice", 1, 1);
        racing.store.transition(job, Set.of(LabelingJobStatus.InProgress), LabelingJobStatus.Failed, "boom");

        assertThatThrownBy(() -> racing.jobService.resume(job))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("is being resumed already");
        assertThat(racing.workflow.starts()).extracting(s -> s.executionName()).containsExactly(job);
    }

    @Test
    void resumingAJobThatDoesNotExistIsNotFound() {
        assertThatThrownBy(() -> bench.jobService.resume("no-such-job")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void jobsAreListedNewestFirstOnePageAtATime() {
        for (String name : new String[] {"oldest", "middle", "newest"}) {
            bench.jobService.create(bench.imageRequest(name, 1, 1, r -> {}), ACCOUNT);
            bench.clock.advanceSeconds(1);
        }

        JobPage first = bench.jobService.list(2, null, null);
        JobPage second = bench.jobService.list(2, first.nextToken(), null);

        assertThat(first.jobs()).extracting(JobSummary::name).containsExactly("newest", "middle");
        assertThat(second.jobs()).extracting(JobSummary::name).containsExactly("oldest");
        assertThat(second.nextToken()).isNull();
    }

    @Test
    void aStatusFilterFillsEachPageWithMatchingJobsOnly() {
        for (String name : new String[] {"a-running", "b-failed", "c-running", "d-failed", "e-running"}) {
            bench.jobService.create(bench.imageRequest(name, 1, 1, r -> {}), ACCOUNT);
            bench.clock.advanceSeconds(1);
            if (name.endsWith("failed")) {
                fail(name, "boom");
            }
        }

        JobPage first = bench.jobService.list(1, null, "Failed");
        JobPage second = bench.jobService.list(1, first.nextToken(), "Failed");

        assertThat(first.jobs()).extracting(JobSummary::name).containsExactly("d-failed");
        assertThat(second.jobs()).extracting(JobSummary::name).containsExactly("b-failed");
        assertThat(second.jobs().get(0).failureReason()).isEqualTo("boom");
        assertThat(second.nextToken()).isNull();
    }

    @Test
    void aNextTokenThisServiceDidNotGiveOutIsRefusedNamingTheField() {
        InvalidRequestException refused = invalid(() -> bench.jobService.list(10, "%%% not a token", null));

        assertThat(refused.violations()).extracting(Violation::field).containsExactly("NextToken");
    }

    @Test
    void maxResultsOutsideOneToAHundredAndUnknownStatusesAreRefused() {
        assertThat(invalid(() -> bench.jobService.list(0, null, null)).violations())
                .extracting(Violation::field)
                .containsExactly("MaxResults");
        assertThat(invalid(() -> bench.jobService.list(101, null, null)).violations())
                .extracting(Violation::field)
                .containsExactly("MaxResults");
        assertThat(invalid(() -> bench.jobService.list(10, null, "Running")).violations())
                .singleElement()
                .satisfies(v -> assertThat(v.message()).contains("InProgress"));
    }

    @Test
    void aRunningJobsDescriptionCountsTheObjectsThatHaveAllTheirAnswers() {
        String job = bench.imageJob("progress", 3, 1);
        bench.takeAndAnswer(job, "w1");

        LabelCounters counters = bench.jobService.describe(job).summary().counters();

        assertThat(counters.totalLabeled()).isEqualTo(1);
        assertThat(counters.humanLabeled()).isEqualTo(1);
        assertThat(counters.unlabeled()).isEqualTo(2);
    }
}
