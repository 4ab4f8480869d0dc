package dev.verity.catalog;

import java.time.Duration;

/**
 * A function run at a fixed rate: the stack makes it an EventBridge rule, the local runtime a timer.
 *
 * @param function the catalog function's name
 * @param rate     how often it runs
 */
public record ScheduleSpec(String function, Duration rate) {}
