package dev.verity.api;

import dev.verity.job.ConflictException;
import dev.verity.job.InvalidRequestException;
import dev.verity.job.NotFoundException;
import dev.verity.labeling.ForbiddenException;
import dev.verity.tasktype.InvalidAnswerException;

/** Maps domain failures to HTTP errors shaped {@code {"error": CODE, "message": ...}}. */
public final class ErrorMapper {

    private ErrorMapper() {}

    /** The error response for {@code failure}, or null if it is not an expected client error. */
    public static HttpResponse toResponse(RuntimeException failure) {
        if (failure instanceof InvalidRequestException || failure instanceof BadRequestException) {
            return HttpResponse.error(400, "ValidationException", failure.getMessage());
        }
        if (failure instanceof InvalidAnswerException) {
            return HttpResponse.error(400, "InvalidAnswer", failure.getMessage());
        }
        if (failure instanceof UnauthorizedException) {
            return HttpResponse.error(401, "Unauthorized", failure.getMessage());
        }
        if (failure instanceof ForbiddenException || failure instanceof ForbiddenRequestException) {
            return HttpResponse.error(403, "Forbidden", failure.getMessage());
        }
        if (failure instanceof NotFoundException) {
            return HttpResponse.error(404, "ResourceNotFound", failure.getMessage());
        }
        if (failure instanceof ConflictException) {
            return HttpResponse.error(409, "ResourceInUse", failure.getMessage());
        }
        return null;
    }
}
