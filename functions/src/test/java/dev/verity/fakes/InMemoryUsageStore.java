package dev.verity.fakes;

import dev.verity.cost.JobUsage;
import dev.verity.store.UsageStore;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Usage per job in memory; job names are case-insensitive, as the table's keys are. */
public final class InMemoryUsageStore implements UsageStore {

    private final Map<String, JobUsage> usage = new ConcurrentHashMap<>();

    @Override
    public void add(String jobName, JobUsage added) {
        usage.merge(jobName.toLowerCase(Locale.ROOT), added, JobUsage::plus);
    }

    @Override
    public JobUsage get(String jobName) {
        return usage.getOrDefault(jobName.toLowerCase(Locale.ROOT), JobUsage.NONE);
    }
}
