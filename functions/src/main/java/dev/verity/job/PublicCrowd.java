package dev.verity.job;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Ground Truth's public crowd, which Verity publishes to Amazon Mechanical Turk: its work team ARN and the rules a job
 * for it follows (reference/groundtruth.md §3.1 and §7.1). Prices are handled in mills (tenths of a cent), the unit of
 * {@code PublicWorkforceTaskPrice.AmountInUsd}.
 */
public final class PublicCrowd {

    /** {@code arn:aws:sagemaker:<region>:394669845002:workteam/public-crowd/default}, in any partition and Region. */
    private static final Pattern WORKTEAM_ARN =
            Pattern.compile("arn:aws[a-z\\-]*:sagemaker:[a-z0-9\\-]*:394669845002:workteam/public-crowd/default");

    /** The content classifier Ground Truth requires of a public-crowd job: its data holds no personal information. */
    public static final String REQUIRED_CLASSIFIER = "FreeOfPersonallyIdentifiableInformation";

    /** Mechanical Turk tasks wait at most 12 hours for a worker, 6 by default. */
    public static final int MAX_TASK_AVAILABILITY_LIFETIME_SECONDS = 43_200;

    public static final int DEFAULT_TASK_AVAILABILITY_LIFETIME_SECONDS = 21_600;

    /** Ground Truth's prices per task, in mills: bounding boxes (and their adjustment and verification). */
    static final List<Integer> BOUNDING_BOX_PRICES = prices(36, 48, 60, 72);
    /** Ground Truth's prices for image and text classification, entity recognition and custom tasks. */
    static final List<Integer> CLASSIFICATION_PRICES = prices(12, 24, 36, 48, 60, 72);
    /** Ground Truth's prices for semantic segmentation (and its adjustment). */
    static final List<Integer> SEGMENTATION_PRICES = List.of(840, 960, 1_080, 1_200);

    private PublicCrowd() {}

    public static boolean isPublicCrowd(String workteamArn) {
        return workteamArn != null && WORKTEAM_ARN.matcher(workteamArn).matches();
    }

    /** The given small prices, then 0.120, 0.240, … 1.200 (every task type's list ends so). */
    private static List<Integer> prices(int... small) {
        List<Integer> all = new ArrayList<>();
        for (int price : small) {
            all.add(price);
        }
        for (int tenth = 1; tenth <= 10; tenth++) {
            all.add(tenth * 120);
        }
        return List.copyOf(all);
    }

    /** The prices Ground Truth allows for a task type ({@link CreateLabelingJobRequest#taskTypeName()}), in mills. */
    static List<Integer> allowedPrices(String taskTypeName) {
        if (taskTypeName != null && taskTypeName.contains("SemanticSegmentation")) {
            return SEGMENTATION_PRICES;
        }
        if (taskTypeName != null && taskTypeName.contains("BoundingBox")) {
            return BOUNDING_BOX_PRICES;
        }
        return CLASSIFICATION_PRICES;
    }

    /** {@code {"AmountInUsd": {"Dollars", "Cents", "TenthFractionsOfACent"}}} in mills (absent parts are 0). */
    public static int mills(JsonNode publicWorkforceTaskPrice) {
        JsonNode amount = publicWorkforceTaskPrice.path("AmountInUsd");
        return amount.path("Dollars").asInt(0) * 1_000
                + amount.path("Cents").asInt(0) * 10
                + amount.path("TenthFractionsOfACent").asInt(0);
    }

    /** A price in mills as dollars with three decimals, as Ground Truth lists them: 120 → "0.120". */
    public static String dollars(int mills) {
        return mills / 1_000 + "." + String.format("%03d", mills % 1_000);
    }

    /**
     * The price as Mechanical Turk's {@code Reward}, a {@code CurrencyAmount} of dollars and whole cents
     * ({@code ^[0-9]+(\.)?[0-9]{0,2}$}): 120 mills → "0.12". Only whole cents can be paid.
     *
     * @throws IllegalArgumentException for a price with a fraction of a cent
     */
    public static String reward(int mills) {
        if (mills % 10 != 0) {
            throw new IllegalArgumentException(
                    "Mechanical Turk pays whole cents; " + dollars(mills) + " has a fraction of a cent");
        }
        int cents = mills / 10;
        return cents / 100 + "." + String.format("%02d", cents % 100);
    }
}
