package dev.verity.monitor;

import java.util.ArrayList;
import java.util.List;

/** {@link JobEvents} kept in memory, in order. */
public final class RecordingJobEvents implements JobEvents {

    private final List<JobStatusChange> changes = new ArrayList<>();

    @Override
    public synchronized void statusChanged(JobStatusChange change) {
        changes.add(change);
    }

    public synchronized List<JobStatusChange> changes() {
        return List.copyOf(changes);
    }
}
