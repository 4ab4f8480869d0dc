package dev.verity.aws;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A value made on its first use and kept. SDK clients are: building one loads a few hundred classes, so a function
 * builds only those its requests use (a cold start on the requester API's {@code GET /jobs} needs DynamoDB alone).
 */
public final class Lazy<T> implements Supplier<T> {

    private final Supplier<T> factory;
    private volatile T value;

    private Lazy(Supplier<T> factory) {
        this.factory = factory;
    }

    public static <T> Lazy<T> of(Supplier<T> factory) {
        return new Lazy<>(Objects.requireNonNull(factory));
    }

    @Override
    public T get() {
        T made = value;
        if (made == null) {
            synchronized (this) {
                made = value;
                if (made == null) {
                    made = Objects.requireNonNull(factory.get());
                    value = made;
                }
            }
        }
        return made;
    }
}
