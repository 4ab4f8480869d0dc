package dev.verity.export;

import java.util.List;

/**
 * An import written: a manifest whose label attribute holds Ground Truth bounding-box labels, ready for an
 * {@code AdjustmentBoundingBox} or {@code VerificationBoundingBox} job, and the label category configuration those
 * labels' class ids index.
 *
 * @param skipped images or boxes the file had that could not be used (no size, no such category), with why
 */
public record ImportResult(
        String manifestS3Uri,
        String labelCategoryConfigS3Uri,
        String labelAttributeName,
        List<String> categories,
        long images,
        long boxes,
        List<String> skipped) {}
