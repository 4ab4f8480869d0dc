package dev.verity.export;

import java.util.List;

/**
 * What an export needs to know of a job.
 *
 * @param labelAttribute the attribute its output lines hold their label under (and {@code <attr>-metadata})
 * @param outputType     Ground Truth's label {@code type}, e.g. {@code groundtruth/object-detection}
 * @param categories     its label categories in class-index order (class id {@code i} is {@code categories[i]})
 */
public record ExportJob(
        String name, String labelAttribute, String taskTypeName, String outputType, List<String> categories) {

    public ExportJob {
        categories = List.copyOf(categories);
    }

    /** The category of class id {@code classId}, or {@code class-<id>} for an id the job has no category for. */
    String category(int classId) {
        return classId >= 0 && classId < categories.size() ? categories.get(classId) : "class-" + classId;
    }
}
