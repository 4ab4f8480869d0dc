package dev.verity.export;

import java.util.List;

/**
 * One image of an imported annotation file and its boxes, in Ground Truth's terms: pixels from the top-left corner,
 * class ids indexing the import's categories.
 *
 * @param sourceRef the image's S3 URI (the images' prefix and the file's own name or path)
 */
record ImportedImage(String sourceRef, int width, int height, int depth, List<ImportedBox> boxes) {

    record ImportedBox(int classId, int left, int top, int width, int height, double confidence) {}
}
