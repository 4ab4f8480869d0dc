package dev.verity.emulators.http;

/**
 * One HTTP API route: {@code method} ({@code GET}, {@code POST}, ..., or {@code ANY}) and an API Gateway path
 * template ({@code /jobs/{name}}; a last segment {@code {proxy+}} takes the rest of the path), the Lambda function
 * that serves it, and its authorization: the JWT authorizer, IAM (SigV4 with the runtime's key pair) or none.
 */
public record Route(String method, String pathTemplate, String function, Authorization authorization) {

    /** How a route's callers prove who they are. */
    public enum Authorization {
        /** None: the function checks its callers itself. */
        NONE,
        /** A bearer token the JWT authorizer accepts. */
        JWT,
        /** A Signature Version 4 signature made with the runtime's own key pair (API Gateway's IAM authorization). */
        IAM
    }

    /** A route behind the JWT authorizer ({@code authorized}) or none. */
    public Route(String method, String pathTemplate, String function, boolean authorized) {
        this(method, pathTemplate, function, authorized ? Authorization.JWT : Authorization.NONE);
    }

    public Route {
        if (method == null
                || method.isBlank()
                || pathTemplate == null
                || !pathTemplate.startsWith("/")
                || function == null
                || function.isBlank()
                || authorization == null) {
            throw new IllegalArgumentException("a route needs a method, a path starting with / and a function: "
                    + method + " " + pathTemplate + " -> " + function);
        }
    }

    /** The API Gateway route key, e.g. {@code GET /jobs/{name}}. */
    public String routeKey() {
        return method + " " + pathTemplate;
    }
}
