package dev.verity.consolidation;

/**
 * How good one worker looks after EM.
 *
 * @param answers  how many answers of the worker the estimate rests on
 * @param accuracy the chance the worker answers the true class: the diagonal of the worker's (smoothed) confusion
 *                 counts over their total, i.e. each class's accuracy weighted by how often the worker met that class
 */
public record WorkerQuality(String workerId, int answers, double accuracy) {}
