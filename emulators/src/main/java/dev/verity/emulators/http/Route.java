package dev.verity.emulators.http;

/**
 * One HTTP API route: {@code method} ({@code GET}, {@code POST}, ..., or {@code ANY}) and an API Gateway path
 * template ({@code /jobs/{name}}; a last segment {@code {proxy+}} takes the rest of the path), the Lambda function
 * that serves it, and whether the JWT authorizer guards it.
 */
public record Route(String method, String pathTemplate, String function, boolean authorized) {

    public Route {
        if (method == null
                || method.isBlank()
                || pathTemplate == null
                || !pathTemplate.startsWith("/")
                || function == null
                || function.isBlank()) {
            throw new IllegalArgumentException("a route needs a method, a path starting with / and a function: "
                    + method + " " + pathTemplate + " -> " + function);
        }
    }

    /** The API Gateway route key, e.g. {@code GET /jobs/{name}}. */
    public String routeKey() {
        return method + " " + pathTemplate;
    }
}
