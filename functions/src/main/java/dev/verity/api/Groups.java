package dev.verity.api;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The caller's groups from the JWT claims ({@code cognito:groups}, as API Gateway passes it: "[a b]" or JSON). */
public final class Groups {

    /** The group whose members may use the requester routes (create and stop jobs, browse results, upload data). */
    public static final String REQUESTERS = "requesters";

    private Groups() {}

    public static Set<String> of(Map<String, String> claims) {
        String groups = claims.getOrDefault("cognito:groups", "");
        return Arrays.stream(groups.replaceAll("[\\[\\]\"]", "").split("[,\\s]+"))
                .filter(g -> !g.isBlank())
                .collect(Collectors.toSet());
    }
}
