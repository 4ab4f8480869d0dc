package dev.verity.emulators.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTableTest {
    private final RouteTable table = new RouteTable(List.of(
            new Route("GET", "/jobs/{name}", "by-name", true),
            new Route("GET", "/jobs/latest", "latest", true),
            new Route("ANY", "/jobs/{name}", "any", true),
            new Route("GET", "/{proxy+}", "catch-all", false)));

    private String function(String method, String path) {
        return table.match(method, path).map(m -> m.route().function()).orElse(null);
    }

    @Test
    void prefersLiteralsThenParametersThenGreedyThenAny() {
        assertThat(function("GET", "/jobs/latest")).isEqualTo("latest");
        assertThat(function("GET", "/jobs/j1")).isEqualTo("by-name");
        assertThat(function("DELETE", "/jobs/j1")).isEqualTo("any");
        assertThat(function("GET", "/jobs/j1/objects")).isEqualTo("catch-all");
        assertThat(function("GET", "/")).isEqualTo("catch-all");
        assertThat(function("POST", "/jobs")).isNull();
    }

    @Test
    void decodesParameters() {
        assertThat(table.match("GET", "/jobs/a%2Fb+c").orElseThrow().pathParameters())
                .isEqualTo(Map.of("name", "a/b+c"));
    }

    @Test
    void rejectsDuplicateAndMisplacedGreedyRoutes() {
        assertThatThrownBy(() ->
                        new RouteTable(List.of(new Route("GET", "/a", "f", true), new Route("GET", "/a", "g", true))))
                .hasMessageContaining("duplicate route GET /a");
        assertThatThrownBy(() -> new RouteTable(List.of(new Route("GET", "/{proxy+}/x", "f", true))))
                .hasMessageContaining("last segment");
    }
}
