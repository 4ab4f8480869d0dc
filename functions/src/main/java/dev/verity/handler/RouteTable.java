package dev.verity.handler;

import dev.verity.api.HttpRequest;
import dev.verity.catalog.Catalog;
import dev.verity.catalog.RouteSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One HTTP function's routes: each catalog route it serves, mapped to the code that answers it. A request's route key
 * is resolved to its {@link RouteSpec} once, here; handlers never compare route-key strings.
 *
 * @param <R> the handlers' shape of a route's code
 */
final class RouteTable<R> {

    /** A request's route and the code that answers it. */
    record Resolved<R>(RouteSpec route, R code) {}

    private final Map<RouteSpec, R> routes;

    private RouteTable(Map<RouteSpec, R> routes) {
        this.routes = Map.copyOf(routes);
    }

    static <R> Builder<R> builder() {
        return new Builder<>();
    }

    /** The request's route and its code; empty for a route key the catalog does not list or this table lacks. */
    Optional<Resolved<R>> resolve(HttpRequest request) {
        return Catalog.route(request.routeKey())
                .filter(routes::containsKey)
                .map(route -> new Resolved<>(route, routes.get(route)));
    }

    Set<RouteSpec> routes() {
        return routes.keySet();
    }

    static final class Builder<R> {
        private final Map<RouteSpec, R> routes = new LinkedHashMap<>();

        /** Maps a route to its code; a second entry for the same route is a programming error. */
        Builder<R> on(RouteSpec route, R code) {
            if (routes.putIfAbsent(route, code) != null) {
                throw new IllegalStateException("two entries for route " + route.routeKey());
            }
            return this;
        }

        RouteTable<R> build() {
            return new RouteTable<>(routes);
        }
    }
}
