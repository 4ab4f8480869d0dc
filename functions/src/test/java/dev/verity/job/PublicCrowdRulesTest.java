package dev.verity.job;

import static dev.verity.job.RequestFixtures.fullWith;
import static dev.verity.job.RequestFixtures.remove;
import static dev.verity.job.RequestFixtures.set;
import static dev.verity.job.RequestFixtures.setJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ground Truth's rules for a job sent to the public crowd (Mechanical Turk), and how its price becomes a Reward. */
class PublicCrowdRulesTest {

    private static final String PUBLIC_CROWD = "arn:aws:sagemaker:us-east-1:394669845002:workteam/public-crowd/default";
    private static final String HTC = "HumanTaskConfig.";
    private static final String PRICE = HTC + "PublicWorkforceTaskPrice";

    /** The full fixture sent to the public crowd at 0.120 USD a task. */
    private static ObjectNode publicJob() {
        return fullWith(set(HTC + "WorkteamArn", PUBLIC_CROWD), setJson(PRICE, "{\"AmountInUsd\":{\"Cents\":12}}"));
    }

    private static List<Violation> violations(ObjectNode request) {
        return catchThrowableOfType(InvalidRequestException.class, () -> CreateLabelingJobRequest.parse(request))
                .violations();
    }

    @Test
    void aPublicCrowdJobWithAPriceTheClassifierAndTwelveHoursIsAccepted() {
        ObjectNode request = publicJob();
        set(HTC + "TaskAvailabilityLifetimeInSeconds", 43_200).accept(request);

        CreateLabelingJobRequest parsed = CreateLabelingJobRequest.parse(request);

        assertThat(parsed.humanTaskConfig().taskAvailabilityLifetimeInSeconds()).isEqualTo(43_200);
        assertThat(PublicCrowd.mills(parsed.humanTaskConfig().publicWorkforceTaskPrice()))
                .isEqualTo(120);
    }

    @Test
    void aPublicCrowdJobWithoutAPriceIsRefusedNamingThePrice() {
        ObjectNode request = publicJob();
        remove(PRICE).accept(request);

        assertThat(violations(request))
                .singleElement()
                .satisfies(v -> assertThat(v.field()).isEqualTo(PRICE + ".AmountInUsd"))
                .satisfies(v -> assertThat(v.message()).contains("is required for the public crowd"));
    }

    @Test
    void aPublicCrowdJobWhoseDataIsNotDeclaredFreeOfPersonalInformationIsRefused() {
        ObjectNode request = publicJob();
        setJson("InputConfig.DataAttributes.ContentClassifiers", "[\"FreeOfAdultContent\"]")
                .accept(request);
        ObjectNode withoutAttributes = publicJob();
        remove("InputConfig.DataAttributes").accept(withoutAttributes);

        assertThat(violations(request))
                .singleElement()
                .satisfies(v -> assertThat(v.field()).isEqualTo("InputConfig.DataAttributes.ContentClassifiers"))
                .satisfies(v -> assertThat(v.message()).contains("FreeOfPersonallyIdentifiableInformation"));
        assertThat(violations(withoutAttributes))
                .extracting(Violation::field)
                .containsExactly("InputConfig.DataAttributes.ContentClassifiers");
    }

    @Test
    void aPriceGroundTruthDoesNotListForTheTaskTypeIsRefusedWithTheListedOnes() {
        ObjectNode classification = publicJob();
        setJson(PRICE, "{\"AmountInUsd\":{\"Cents\":13}}").accept(classification);
        ObjectNode segmentation = publicJob();
        set(HTC + "PreHumanTaskLambdaArn", "arn:aws:lambda:us-east-1:432418664414:function:PRE-SemanticSegmentation")
                .accept(segmentation);
        set(
                        HTC + "AnnotationConsolidationConfig.AnnotationConsolidationLambdaArn",
                        "arn:aws:lambda:us-east-1:432418664414:function:ACS-SemanticSegmentation")
                .accept(segmentation);

        assertThat(violations(classification))
                .singleElement()
                .satisfies(v -> assertThat(v.message())
                        .contains("ImageMultiClass", "0.012, 0.024, 0.036", "1.200", "got 0.130"));
        assertThat(violations(segmentation))
                .singleElement()
                .satisfies(v -> assertThat(v.message())
                        .contains("SemanticSegmentation", "0.840, 0.960, 1.080, 1.200 USD", "got 0.120"));
    }

    @Test
    void aListedPriceWithAFractionOfACentIsRefusedBecauseMechanicalTurkPaysWholeCents() {
        ObjectNode request = publicJob();
        setJson(PRICE, "{\"AmountInUsd\":{\"Cents\":3,\"TenthFractionsOfACent\":6}}")
                .accept(request);

        assertThat(violations(request))
                .singleElement()
                .satisfies(v -> assertThat(v.message()).contains("whole cents", "got 0.036", "0.060, 0.120"));
    }

    @Test
    void aPublicCrowdTaskMayWaitTwelveHoursAtMostAndSixByDefault() {
        ObjectNode tooLong = publicJob();
        set(HTC + "TaskAvailabilityLifetimeInSeconds", 43_201).accept(tooLong);
        ObjectNode unset = publicJob();
        remove(HTC + "TaskAvailabilityLifetimeInSeconds").accept(unset);

        assertThat(violations(tooLong))
                .singleElement()
                .satisfies(v -> assertThat(v.message()).contains("at most 43200 (12 hours)", "got 43201"));
        assertThat(CreateLabelingJobRequest.parse(unset).humanTaskConfig().taskAvailabilityLifetimeInSeconds())
                .isEqualTo(21_600);
    }

    @Test
    void aPrivateTeamsJobNeedsNeitherAPriceNorAClassifier() {
        ObjectNode request = fullWith(remove(PRICE), remove("InputConfig.DataAttributes"));

        assertThat(CreateLabelingJobRequest.parse(request).humanTaskConfig().workteamArn())
                .contains("private-crowd");
    }

    @Test
    void aPriceBecomesMechanicalTurksRewardInDollarsAndCents() {
        assertThat(PublicCrowd.reward(120)).isEqualTo("0.12");
        assertThat(PublicCrowd.reward(60)).isEqualTo("0.06");
        assertThat(PublicCrowd.reward(1_200)).isEqualTo("1.20");
        assertThat(PublicCrowd.reward(2_990)).isEqualTo("2.99");
        assertThatThrownBy(() -> PublicCrowd.reward(36)).hasMessageContaining("whole cents");
    }

    @Test
    void theGroundTruthPriceListsAreTheDocumentedOnes() {
        assertThat(PublicCrowd.allowedPrices("ImageMultiClass").stream().map(PublicCrowd::dollars))
                .containsExactly(
                        "0.012", "0.024", "0.036", "0.048", "0.060", "0.072", "0.120", "0.240", "0.360", "0.480",
                        "0.600", "0.720", "0.840", "0.960", "1.080", "1.200");
        assertThat(PublicCrowd.allowedPrices("VerificationBoundingBox")).startsWith(36, 48, 60, 72, 120);
        assertThat(PublicCrowd.allowedPrices("AdjustmentSemanticSegmentation")).containsExactly(840, 960, 1080, 1200);
        assertThat(PublicCrowd.allowedPrices("Custom")).startsWith(12, 24);
    }
}
