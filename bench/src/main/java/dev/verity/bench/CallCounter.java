package dev.verity.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts the AWS calls Verity's Lambda handlers make in a runtime that {@link ThroughputBenchmark} starts: an SDK
 * global interceptor put on that JVM's classpath, so a jar built before it existed is counted the same way. A call is
 * a handler's when a class of {@code dev.verity.handler} is on the calling thread's stack (the demo's own calls, and
 * the emulators', are not). At exit it writes {@code service operation count} lines, and the process's CPU time, to
 * the file named by the system property {@value #FILE_PROPERTY}. Depends on nothing else of the bench module.
 */
public final class CallCounter implements ExecutionInterceptor {

    static final String FILE_PROPERTY = "verity.bench.calls";
    static final String CPU_LINE = "cpu-nanos";

    private static final Map<String, LongAdder> CALLS = new ConcurrentHashMap<>();

    static {
        String file = System.getProperty(FILE_PROPERTY);
        if (file != null) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> write(Path.of(file)), "call-counter"));
        }
    }

    /** After each HTTP request sent: a retry is a request billed again, a presigned URL none. */
    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        boolean handler = StackWalker.getInstance()
                .walk(frames -> frames.anyMatch(f -> f.getClassName().startsWith("dev.verity.handler.")));
        if (handler) {
            String call = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + " "
                    + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
            CALLS.computeIfAbsent(call, k -> new LongAdder()).increment();
        }
    }

    private static void write(Path file) {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(CALLS)
                .forEach((call, count) ->
                        out.append(call).append(' ').append(count.sum()).append('\n'));
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            out.append(CPU_LINE).append(' ').append(os.getProcessCpuTime()).append('\n');
        }
        try {
            Files.writeString(file, out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.err.println("call counter: cannot write " + file + ": " + e);
        }
    }
}
