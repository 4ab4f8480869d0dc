package dev.verity.catalog;

/** One HTTP API route ({@code method} and API Gateway path with {braces}) and the function that serves it. */
public record RouteSpec(String method, String path, String function) {

    /** The API Gateway route key, e.g. {@code POST /jobs}. */
    public String routeKey() {
        return method + " " + path;
    }
}
