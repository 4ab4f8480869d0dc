package dev.verity.catalog;

/**
 * One HTTP API route ({@code method} and API Gateway path with {braces}) and the function that serves it.
 *
 * @param authorized whether the JWT authorizer guards it (every route but the public crowd's task page, whose workers
 *                   have no Verity account: its function checks them against Mechanical Turk instead)
 */
public record RouteSpec(String method, String path, String function, boolean authorized) {

    /** A route behind the JWT authorizer. */
    public RouteSpec(String method, String path, String function) {
        this(method, path, function, true);
    }

    /** The API Gateway route key, e.g. {@code POST /jobs}. */
    public String routeKey() {
        return method + " " + path;
    }
}
