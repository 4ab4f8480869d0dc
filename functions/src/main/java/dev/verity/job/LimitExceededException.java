package dev.verity.job;

import java.util.List;

/** A request would pass a quota (SageMaker's {@code ResourceLimitExceeded}); an invalid request to the REST API. */
public class LimitExceededException extends InvalidRequestException {

    public LimitExceededException(Violation violation) {
        super(List.of(violation));
    }
}
