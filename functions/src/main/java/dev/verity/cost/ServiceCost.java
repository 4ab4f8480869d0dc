package dev.verity.cost;

/**
 * One service's share of a job's cost.
 *
 * @param service  the service's name
 * @param requests AWS requests made to it (for Lambda: invocations of Verity's functions)
 * @param units    what it bills by, in {@code unit}s
 * @param unit     the billing unit (GB-s, requests, state transitions, request units)
 * @param detail   how the units and dollars are made up
 * @param dollars  at the price table's list prices
 */
public record ServiceCost(String service, long requests, double units, String unit, String detail, double dollars) {}
