package dev.verity.labeling;

import java.time.Instant;

/** A task claimed for a worker of the portal: the assignment they answer, its time limit and the task itself. */
public record AssignedTask(String assignmentId, Instant acceptedAt, Instant deadline, TaskContent content) {}
