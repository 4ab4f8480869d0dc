package dev.verity.cost;

/** One function's share of a job's Lambda cost: invocations, GB-seconds and their price. */
public record FunctionCost(String function, long invocations, double gbSeconds, double dollars) {}
