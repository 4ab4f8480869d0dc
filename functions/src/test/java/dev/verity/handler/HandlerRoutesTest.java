package dev.verity.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.api.HttpRequest;
import dev.verity.api.HttpResponse;
import dev.verity.catalog.Catalog;
import dev.verity.catalog.FunctionSpec;
import dev.verity.catalog.RouteSpec;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The catalog's route table decides what each HTTP function answers: no route is served twice, none is missed. */
class HandlerRoutesTest {

    @Test
    void eachHttpHandlerServesExactlyTheCatalogRoutesOfItsFunction() throws Exception {
        for (FunctionSpec function : Catalog.FUNCTIONS) {
            if (function.bundle() != FunctionSpec.Bundle.CORE) {
                continue; // the models bundle's handlers are workflow steps, not on this module's class path
            }
            Object handler = Class.forName(function.handler()).getConstructor().newInstance();
            if (!(handler instanceof HttpHandler http)) {
                continue;
            }
            assertThat(http.routes()).as("routes of %s", function.handler()).isEqualTo(routesOf(function.name()));
        }
    }

    @Test
    void everyFunctionWithRoutesHasAnHttpHandlerButTheSageMakerProtocolsDispatcher() throws Exception {
        for (String function : Catalog.ROUTES.stream().map(RouteSpec::function).collect(Collectors.toSet())) {
            Class<?> handler = Class.forName(Catalog.function(function).handler());
            if (function.equals(Catalog.SAGEMAKER_API)) {
                // one route; its operations are told apart by X-Amz-Target, not by route key
                assertThat(routesOf(function)).containsExactly(Catalog.SAGEMAKER_PROTOCOL);
                assertThat(handler).isEqualTo(SageMakerApiHandler.class);
            } else {
                assertThat(HttpHandler.class).as(handler.getName()).isAssignableFrom(handler);
            }
        }
    }

    @Test
    void aRouteKeyOfAnotherFunctionIsRouteNotFound() throws Exception {
        HttpRequest request = new HttpRequest(
                Catalog.WORKER_JOBS_LIST.routeKey(),
                Map.of(),
                Map.of(),
                null,
                Map.of("cognito:groups", "[requesters]"));

        HttpResponse response = new RequesterApiHandler(null).route(request, null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body().path("error").asText()).isEqualTo("RouteNotFound");
    }

    @Test
    void aRouteKeyTheCatalogDoesNotListIsRouteNotFound() throws Exception {
        HttpRequest request = new HttpRequest("GET /nowhere", Map.of(), Map.of(), null, Map.of());

        HttpResponse response = new CrowdApiHandler(null).route(request, null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body().path("message").asText()).isEqualTo("no route GET /nowhere");
    }

    @Test
    void aSecondEntryForTheSameRouteIsRefused() {
        RouteTable.Builder<String> builder = RouteTable.<String>builder().on(Catalog.JOBS_LIST, "first");

        assertThatThrownBy(() -> builder.on(Catalog.JOBS_LIST, "second"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("GET /jobs");
    }

    private static Set<RouteSpec> routesOf(String function) {
        return Catalog.ROUTES.stream()
                .filter(r -> r.function().equals(function))
                .collect(Collectors.toSet());
    }
}
