package dev.verity.emulators;

import java.lang.reflect.Method;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * S3Proxy brings logback-classic, whose configuration-less default logs everything at DEBUG; ElasticMQ, Pekko, Jetty, GreenMail
 * and Testcontainers then flood test output. This lowers those third-party loggers to WARN, but only when the
 * backend is logback and the application's own configuration left the logger's level unset. Reflection keeps
 * logback (a runtime-only dependency of S3Proxy) off the compile path. {@code -Dverity.emulators.verbose=true}
 * disables it.
 */
final class QuietLogging {
    private static final String[] NOISY = {
        "org.gaul",
        "org.elasticmq",
        "org.apache.pekko",
        "org.eclipse.jetty",
        "io.opentelemetry",
        "org.testcontainers",
        "com.github.dockerjava",
        "tc",
        "com.zaxxer",
        "org.apache.http",
        "com.icegreen",
    };
    private static volatile boolean applied;

    private QuietLogging() {}

    static void apply() {
        if (applied || Boolean.getBoolean("verity.emulators.verbose")) {
            return;
        }
        applied = true;
        for (String name : NOISY) {
            setLevelIfUnset(LoggerFactory.getLogger(name), "WARN");
        }
    }

    static void setLevelIfUnset(Logger logger, String level) {
        try {
            Class<?> type = logger.getClass();
            if (!type.getName().equals("ch.qos.logback.classic.Logger")) {
                return;
            }
            Method getLevel = type.getMethod("getLevel");
            if (getLevel.invoke(logger) != null) {
                return;
            }
            Class<?> levelType = Class.forName("ch.qos.logback.classic.Level", false, type.getClassLoader());
            Object value = levelType.getField(level).get(null);
            type.getMethod("setLevel", levelType).invoke(logger, value);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError ignored) {
            // Not logback, or a different logback: leave logging as the application configured it.
        }
    }
}
