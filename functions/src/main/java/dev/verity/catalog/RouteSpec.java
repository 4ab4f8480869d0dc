package dev.verity.catalog;

/**
 * One HTTP API route ({@code method} and API Gateway path with {braces}), the function that serves it and how its
 * callers are authorised.
 */
public record RouteSpec(String method, String path, String function, Authorization authorization) {

    /** How a route's callers prove who they are. */
    public enum Authorization {
        /**
         * None: the public crowd's task page, whose workers have no Verity account (its function checks them against
         * Mechanical Turk instead), and the API's OpenAPI document.
         */
        NONE,
        /** The JWT authorizer (Cognito's tokens in AWS, the local issuer's locally). */
        JWT,
        /**
         * IAM: Signature Version 4 with the caller's AWS credentials (locally, the runtime's own key pair). The
         * SageMaker protocol endpoint, for the SDKs and the AWS CLI.
         */
        IAM
    }

    /** A route behind the JWT authorizer. */
    public RouteSpec(String method, String path, String function) {
        this(method, path, function, Authorization.JWT);
    }

    /** Whether the JWT authorizer guards it. */
    public boolean authorized() {
        return authorization == Authorization.JWT;
    }

    /** The API Gateway route key, e.g. {@code POST /jobs}. */
    public String routeKey() {
        return method + " " + path;
    }
}
