package dev.verity.catalog;

import java.util.Map;

/**
 * The job workflow: an ASL file on the classpath whose {@code ${Placeholder}} definition substitutions name
 * functions of the catalog ({@code substitutions}: placeholder → function name).
 */
public record StateMachineSpec(String name, String aslResource, Map<String, String> substitutions) {}
