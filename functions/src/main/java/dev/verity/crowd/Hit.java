package dev.verity.crowd;

/** A HIT as the marketplace describes it: its id, its HIT type (the group it is listed in) and its status. */
public record Hit(String hitId, String hitTypeId, String status, int maxAssignments) {}
