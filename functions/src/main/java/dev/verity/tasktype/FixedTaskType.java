package dev.verity.tasktype;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * The parts of a task type that are plain facts (Ground Truth's name, output type, data source, label minimum) and
 * the label writing every built-in type shares.
 */
abstract class FixedTaskType implements TaskType {

    private final String name;
    private final String outputType;
    private final boolean usesSourceRef;
    private final int minLabels;

    FixedTaskType(String name, String outputType, boolean usesSourceRef, int minLabels) {
        this.name = name;
        this.outputType = outputType;
        this.usesSourceRef = usesSourceRef;
        this.minLabels = minLabels;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String outputType() {
        return outputType;
    }

    @Override
    public final boolean usesSourceRef() {
        return usesSourceRef;
    }

    @Override
    public final int minLabels() {
        return minLabels;
    }

    /** The label under the attribute and Ground Truth's built-in metadata (type, job-name, human-annotated, date). */
    @Override
    public void writeLabel(
            ObjectNode line, String labelAttributeName, ConsolidatedLabel label, String jobName, Instant creationDate) {
        LabelWriter.write(line, labelAttributeName, label, outputType, jobName, creationDate);
    }
}
