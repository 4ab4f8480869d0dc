package dev.verity.tasktype;

/** The parts of a task type that are plain facts: Ground Truth's name, output type, data source and label minimum. */
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
}
