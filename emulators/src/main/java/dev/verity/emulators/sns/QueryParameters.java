package dev.verity.emulators.sns;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parameters of an AWS query-protocol request ({@code Action=Publish&TopicArn=...}), form-encoded in the body
 * of a POST or in the query string, with the protocol's flattened collections: a list is
 * {@code Tags.member.1.Key=...&Tags.member.1.Value=...}, a map {@code Attributes.entry.1.key=...&
 * Attributes.entry.1.value=...}.
 */
final class QueryParameters {
    private final Map<String, String> values;

    private QueryParameters(Map<String, String> values) {
        this.values = values;
    }

    /** Parses {@code application/x-www-form-urlencoded} text; later pieces override earlier ones. */
    static QueryParameters parse(String... forms) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String form : forms) {
            if (form == null || form.isEmpty()) {
                continue;
            }
            for (String pair : form.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                values.put(name, value);
            }
        }
        return new QueryParameters(values);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw SnsException.invalidParameter("Malformed form encoding: " + text);
        }
    }

    /** The value, or null when absent. */
    String get(String name) {
        return values.get(name);
    }

    /** The value, which must be present and not empty. */
    String required(String name) {
        String value = values.get(name);
        if (value == null || value.isEmpty()) {
            throw SnsException.invalidParameter("Invalid parameter: " + name);
        }
        return value;
    }

    boolean flag(String name) {
        return "true".equalsIgnoreCase(values.get(name));
    }

    /**
     * The members of a flattened collection in index order, each as its sub-keys: for {@code prefix}
     * {@code Tags.member}, {@code Tags.member.2.Key=k} gives member 2 the entry {@code Key → k}.
     */
    List<Map<String, String>> members(String prefix) {
        Pattern pattern = Pattern.compile(Pattern.quote(prefix) + "\\.(\\d+)\\.(.+)");
        TreeMap<Integer, Map<String, String>> byIndex = new TreeMap<>();
        values.forEach((name, value) -> {
            Matcher m = pattern.matcher(name);
            if (m.matches()) {
                byIndex.computeIfAbsent(Integer.parseInt(m.group(1)), i -> new LinkedHashMap<>())
                        .put(m.group(2), value);
            }
        });
        return new ArrayList<>(byIndex.values());
    }

    /** A map parameter ({@code <name>.entry.N.key} / {@code .value}), in index order. */
    Map<String, String> map(String name) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Map<String, String> entry : members(name + ".entry")) {
            String key = entry.get("key");
            if (key == null) {
                throw SnsException.invalidParameter("Invalid parameter: " + name + " (an entry has no key)");
            }
            map.put(key, entry.getOrDefault("value", ""));
        }
        return map;
    }
}
