package dev.verity.emulators.cognito;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A ListUsers {@code Filter}: {@code <attribute> = "<value>"} (exact) or {@code <attribute> ^= "<value>"} (starts
 * with), on the attributes Cognito lets one search: username, email, phone_number, name, given_name, family_name,
 * preferred_username, cognito:user_status, status (Enabled or Disabled) and sub.
 */
record UserFilter(String attribute, boolean prefix, String value) {
    private static final Set<String> SEARCHABLE = Set.of(
            "username",
            "email",
            "phone_number",
            "name",
            "given_name",
            "family_name",
            "preferred_username",
            "cognito:user_status",
            "status",
            "sub");
    private static final Pattern SYNTAX = Pattern.compile("\\s*([\\w:]+)\\s*(\\^?=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*");

    /** The filter, or null for none (an absent or blank {@code Filter}). */
    static UserFilter parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            throw CognitoException.invalidParameter("Error while parsing filter.");
        }
        if (!SEARCHABLE.contains(m.group(1))) {
            throw CognitoException.invalidParameter("Invalid search attribute: " + m.group(1));
        }
        String value = m.group(3).replaceAll("\\\\(.)", "$1");
        return new UserFilter(m.group(1), m.group(2).equals("^="), value);
    }

    boolean matches(User user) {
        String actual = switch (attribute) {
            case "username" -> user.username();
            case "cognito:user_status" -> user.status();
            case "status" -> user.enabled() ? "Enabled" : "Disabled";
            default -> user.attributes().get(attribute);
        };
        if (actual == null) {
            return false;
        }
        return prefix ? actual.startsWith(value) : actual.equals(value);
    }
}
