package dev.verity.labeling;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A job's finished rounds of automated labeling.
 *
 * @param autoLabeling false for a human-only job, whose rounds are then empty
 * @param rounds       each finished round's {@code round.json}, in order, as the round wrote it to the job's output
 *     (the requester reads the same file there)
 */
public record RoundsReport(String jobName, boolean autoLabeling, List<JsonNode> rounds) {}
