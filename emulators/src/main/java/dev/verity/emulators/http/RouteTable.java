package dev.verity.emulators.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Matches requests to routes as API Gateway does: the method must be the route's (or the route's is {@code ANY}),
 * and the path must fit the template segment by segment. When several routes fit, the most specific wins: at the
 * first segment where they differ, a literal beats a {@code {param}}, which beats a greedy {@code {proxy+}}.
 */
final class RouteTable {

    /** A matched route and its path parameters, URL-decoded. */
    record Match(Route route, Map<String, String> pathParameters) {}

    private record Compiled(Route route, List<Segment> segments) {}

    private record Segment(String literal, String param, boolean greedy) {
        /** 0 for a literal, 1 for a parameter, 2 for a greedy parameter: lower is more specific. */
        int rank() {
            return literal != null ? 0 : greedy ? 2 : 1;
        }
    }

    private static final Comparator<Compiled> MOST_SPECIFIC_FIRST = (a, b) -> {
        for (int i = 0; i < Math.min(a.segments.size(), b.segments.size()); i++) {
            int byRank =
                    Integer.compare(a.segments.get(i).rank(), b.segments.get(i).rank());
            if (byRank != 0) {
                return byRank;
            }
        }
        return Boolean.compare(a.route.method().equals("ANY"), b.route.method().equals("ANY"));
    };

    private final List<Compiled> routes = new ArrayList<>();

    RouteTable(List<Route> routes) {
        Set<String> keys = new HashSet<>();
        for (Route route : routes) {
            if (!keys.add(route.routeKey())) {
                throw new IllegalArgumentException("duplicate route " + route.routeKey());
            }
            this.routes.add(new Compiled(route, parse(route.pathTemplate())));
        }
    }

    Optional<Match> match(String method, String rawPath) {
        List<String> path = segments(rawPath);
        return routes.stream()
                .filter(c -> c.route.method().equals(method) || c.route.method().equals("ANY"))
                .filter(c -> bind(c.segments, path) != null)
                .min(MOST_SPECIFIC_FIRST)
                .map(c -> new Match(c.route, bind(c.segments, path)));
    }

    /** The parameters of {@code path} under {@code template}, or null when it does not fit. */
    private static Map<String, String> bind(List<Segment> template, List<String> path) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < template.size(); i++) {
            Segment segment = template.get(i);
            if (segment.greedy) {
                // {proxy+} takes the rest, possibly nothing: /files/{proxy+} also serves /files
                params.put(
                        segment.param, decode(String.join("/", path.subList(Math.min(i, path.size()), path.size()))));
                return params;
            }
            if (i >= path.size()) {
                return null;
            }
            String value = decode(path.get(i));
            if (segment.literal != null ? !segment.literal.equals(value) : value.isEmpty()) {
                return null;
            }
            if (segment.param != null) {
                params.put(segment.param, value);
            }
        }
        return template.size() == path.size() ? params : null;
    }

    private static List<Segment> parse(String template) {
        List<Segment> segments = new ArrayList<>();
        List<String> parts = segments(template);
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            if (part.startsWith("{") && part.endsWith("}")) {
                boolean greedy = part.endsWith("+}");
                if (greedy && i != parts.size() - 1) {
                    throw new IllegalArgumentException("a greedy {param+} must be the last segment: " + template);
                }
                segments.add(new Segment(null, part.substring(1, part.length() - (greedy ? 2 : 1)), greedy));
            } else {
                segments.add(new Segment(part, null, false));
            }
        }
        return segments;
    }

    /** {@code /a/b} → [a, b]; {@code /} → []; a trailing slash is an empty last segment (it matches no template). */
    private static List<String> segments(String path) {
        return path.equals("/") ? List.of() : List.of(path.substring(1).split("/", -1));
    }

    /** Percent-decoding for a path segment: unlike a query string, {@code +} is a plus. */
    static String decode(String segment) {
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
