package dev.verity.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.catalog.Catalog;
import dev.verity.catalog.RouteSpec;
import dev.verity.job.LabelingJobStatus;
import dev.verity.json.Json;
import dev.verity.tasktype.TaskTypes;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The checked-in OpenAPI document is valid OpenAPI 3.1 and describes exactly the catalog's routes. */
class OpenApiDocumentTest {

    private static final JsonNode DOCUMENT = OpenApiDocument.json();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]+)}");

    @Test
    void parsesAsOpenApi31WithoutAnyMessage() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(Json.write(DOCUMENT), null, options);

        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getSpecVersion()).isEqualTo(SpecVersion.V31);
    }

    @Test
    void documentsEveryCatalogRouteAndNoOther() {
        Set<String> catalog = Catalog.ROUTES.stream().map(RouteSpec::routeKey).collect(Collectors.toSet());
        Set<String> documented = operations().keySet();

        assertThat(minus(catalog, documented))
                .as("routes of Catalog.ROUTES that openapi.json does not describe")
                .isEmpty();
        assertThat(minus(documented, catalog))
                .as("operations of openapi.json that no route of Catalog.ROUTES serves")
                .isEmpty();
    }

    @Test
    void eachOperationDemandsTheSecurityOfItsRoutesAuthorizer() {
        Map<String, JsonNode> operations = operations();
        for (RouteSpec route : Catalog.ROUTES) {
            JsonNode operation = operations.get(route.routeKey());
            String expected = switch (route.authorization()) {
                case JWT -> "[{\"jwt\":[]}]";
                case IAM -> "[{\"sigv4\":[]}]";
                case NONE -> "[]";
            };
            assertThat(operation).as(route.routeKey()).isNotNull();
            assertThat(Json.write(operation.path("security")))
                    .as("security of " + route.routeKey())
                    .isEqualTo(expected);
        }
    }

    @Test
    void eachOperationDeclaresExactlyThePathParametersOfItsPath() {
        operations().forEach((routeKey, operation) -> {
            Set<String> placeholders = new TreeSet<>();
            Matcher m = PLACEHOLDER.matcher(routeKey);
            while (m.find()) {
                placeholders.add(m.group(1));
            }
            Set<String> declared = new TreeSet<>();
            for (JsonNode parameter : operation.path("parameters")) {
                JsonNode resolved = resolve(parameter);
                if (resolved.path("in").asText().equals("path")) {
                    assertThat(resolved.path("required").asBoolean())
                            .as(routeKey + " path parameter " + resolved.path("name"))
                            .isTrue();
                    declared.add(resolved.path("name").asText());
                }
            }
            assertThat(declared).as("path parameters of " + routeKey).isEqualTo(placeholders);
        });
    }

    @Test
    void everyReferencePointsIntoTheDocument() {
        List<String> broken = new ArrayList<>();
        collectBrokenReferences(DOCUMENT, broken);
        assertThat(broken).as("$refs that resolve to nothing").isEmpty();
    }

    @Test
    void theEnumsAreTheServersTaskTypesAndJobStatuses() {
        assertThat(strings(DOCUMENT.at("/components/schemas/TaskType/enum")))
                .containsExactlyInAnyOrderElementsOf(TaskTypes.supported());
        assertThat(strings(DOCUMENT.at("/components/schemas/LabelingJobStatus/enum")))
                .containsExactly(List.of(LabelingJobStatus.values()).stream()
                        .map(Enum::name)
                        .toArray(String[]::new));
    }

    /** Every operation of the document by its route key, e.g. {@code POST /jobs}. */
    static Map<String, JsonNode> operations() {
        Map<String, JsonNode> operations = new HashMap<>();
        DOCUMENT.path("paths")
                .fields()
                .forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
                    if (METHODS.contains(op.getKey())) {
                        operations.put(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(), op.getValue());
                    }
                }));
        return operations;
    }

    private static JsonNode resolve(JsonNode node) {
        return node.has("$ref") ? DOCUMENT.at(node.get("$ref").asText().substring(1)) : node;
    }

    private static void collectBrokenReferences(JsonNode node, List<String> broken) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null
                    && (!ref.asText().startsWith("#/")
                            || DOCUMENT.at(ref.asText().substring(1)).isMissingNode())) {
                broken.add(ref.asText());
            }
        }
        node.forEach(child -> collectBrokenReferences(child, broken));
    }

    private static List<String> strings(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false)
                .map(JsonNode::asText)
                .toList();
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.removeAll(b);
        return out;
    }
}
