package dev.verity.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.export.ImportResult;
import dev.verity.json.Json;

/** An import of annotations as pre-labels, as the console gets it ({@code POST /datasets/import}). */
public final class ImportJson {

    private ImportJson() {}

    public static ObjectNode imported(ImportResult result) {
        ObjectNode out = Json.object()
                .put("manifestS3Uri", result.manifestS3Uri())
                .put("labelCategoryConfigS3Uri", result.labelCategoryConfigS3Uri())
                .put("labelAttributeName", result.labelAttributeName());
        result.categories().forEach(out.putArray("categories")::add);
        out.put("images", result.images()).put("boxes", result.boxes());
        result.skipped().forEach(out.putArray("skipped")::add);
        return out;
    }
}
