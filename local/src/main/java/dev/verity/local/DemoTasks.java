package dev.verity.local;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/** The task types {@code verity demo --task-type} runs, by the name the option takes. */
final class DemoTasks {

    static final String DEFAULT = "image-classification";

    private static final Map<String, Function<DemoStore, DemoTask<?>>> TASKS = new LinkedHashMap<>();

    static {
        register(ClassificationDemo::image);
        register(ClassificationDemo::text);
        register(MultiLabelDemo::image);
        register(MultiLabelDemo::text);
        register(EntityDemo::new);
        register(BoundingBoxDemo::new);
        register(BoxAdjustmentDemo::new);
        register(BoxVerificationDemo::new);
        registerWithStore(SegmentationDemo::new);
        registerWithStore(SegmentationAdjustmentDemo::new);
        register(CustomDemo::new);
    }

    private DemoTasks() {}

    private static void register(Supplier<DemoTask<?>> task) {
        registerWithStore(store -> task.get());
    }

    /** For types whose labels live in S3 files (masks). A task's name does not depend on its store. */
    private static void registerWithStore(Function<DemoStore, DemoTask<?>> task) {
        TASKS.put(task.apply(null).name(), task);
    }

    /**
     * @param store where the task keeps and finds the files its labels point to
     * @throws IllegalArgumentException naming the allowed values if {@code name} is not one
     */
    static DemoTask<?> of(String name, DemoStore store) {
        Function<DemoStore, DemoTask<?>> task = TASKS.get(name);
        if (task == null) {
            throw new IllegalArgumentException(
                    "unknown task type '" + name + "'; choose one of: " + String.join(", ", names()));
        }
        return task.apply(store);
    }

    static List<String> names() {
        return List.copyOf(TASKS.keySet());
    }

    /** For picocli's completion candidates and ${COMPLETION-CANDIDATES} in help. */
    static final class Names implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return names().iterator();
        }
    }
}
