package dev.verity.cost;

import java.util.Objects;

/**
 * One kind of AWS request: the service by the SDK's name for it ({@code DynamoDb}, {@code Sqs}, {@code S3},
 * {@code Sfn}, {@code Lambda}, {@code Sns}; {@code ApiGateway} for a request the HTTP API passed to a function) and
 * the operation ({@code GetItem}; for the HTTP API, the route key).
 */
public record Operation(String service, String name) implements Comparable<Operation> {

    public Operation {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(name, "name");
    }

    @Override
    public int compareTo(Operation other) {
        int byService = service.compareTo(other.service);
        return byService != 0 ? byService : name.compareTo(other.name);
    }
}
