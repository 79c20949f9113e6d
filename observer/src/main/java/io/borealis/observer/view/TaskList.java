package io.borealis.observer.view;

import static java.util.Objects.requireNonNull;

import io.borealis.api.checkpoint.TaskLayout;
import io.borealis.observer.checkpoint.WorkDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The task list of {@code /} and {@code /api/tasks}, kept cheap on a host with thousands of
 * finished tasks: a finished task's summary is remembered with the size and modification time of
 * its checkpoint, and reused while both are unchanged (a finished task's checkpoint only changes
 * if something appends to it, which makes the task read again). Active tasks, new directories
 * and changed checkpoints are read afresh every call; vanished directories are forgotten. So a
 * call costs one directory listing and one {@code stat} per finished task, plus a full read of
 * each active one. Thread-safe: concurrent calls may both read a task; either result is kept.
 */
public final class TaskList {
    private record Stamp(long size, long modifiedMillis) {}

    private record Kept(Stamp stamp, TaskSummary summary) {}

    private final WorkDir workDir;
    private final TaskViews views;
    private final Map<String, Kept> finished = new ConcurrentHashMap<>();

    public TaskList(WorkDir workDir, TaskViews views) {
        this.workDir = requireNonNull(workDir, "workDir is null");
        this.views = requireNonNull(views, "views is null");
    }

    /** Every task on this host, active first, newest first in each group ({@link TaskViews}). */
    public List<TaskSummary> summaries() {
        List<String> ids = workDir.taskIds();
        finished.keySet().retainAll(new HashSet<>(ids));
        List<TaskSummary> summaries = new ArrayList<>(ids.size());
        List<String> reread = new ArrayList<>();
        Map<String, Stamp> stamps = new HashMap<>();
        for (String id : ids) {
            Optional<Stamp> stamp = stamp(TaskLayout.of(workDir.root(), id).checkpoint());
            Kept kept = finished.get(id);
            if (kept != null && stamp.isPresent() && kept.stamp().equals(stamp.get())) {
                summaries.add(kept.summary());
            } else {
                reread.add(id);
                stamp.ifPresent(s -> stamps.put(id, s));
            }
        }
        List<TaskSummary> fresh = views.summaries(reread.stream()
                .map(workDir::find).flatMap(Optional::stream).toList());
        for (TaskSummary summary : fresh) {
            Stamp stamp = stamps.get(summary.taskId());
            if (!summary.active() && stamp != null) {
                finished.put(summary.taskId(), new Kept(stamp, summary));
            }
        }
        summaries.addAll(fresh);
        summaries.sort(TaskViews.ORDER);
        return summaries;
    }

    private static Optional<Stamp> stamp(Path checkpoint) {
        try {
            BasicFileAttributes attributes =
                    Files.readAttributes(checkpoint, BasicFileAttributes.class);
            return Optional.of(new Stamp(attributes.size(),
                    attributes.lastModifiedTime().toMillis()));
        } catch (IOException e) {
            return Optional.empty(); // no checkpoint yet: read the task every time
        }
    }
}
