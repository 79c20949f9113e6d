package io.borealis.scheduler.update;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.JobConfiguration;
import io.borealis.api.model.JobKey;
import io.borealis.api.model.JobUpdateStatus;
import io.borealis.api.model.RestartSettings;
import io.borealis.api.model.TaskConfig;
import io.borealis.api.model.UpdateSettings;
import io.borealis.api.model.UpdateStrategyKind;
import io.borealis.scheduler.error.ErrorCode;
import io.borealis.scheduler.error.PlatformException;
import io.borealis.scheduler.quota.QuotaManager;
import io.borealis.scheduler.storage.JobUpdate;
import io.borealis.scheduler.storage.MutableStoreProvider;
import io.borealis.scheduler.storage.Storage;
import io.borealis.scheduler.storage.Task;
import io.borealis.scheduler.storage.UpdateEvent;
import io.borealis.scheduler.storage.UpdateInstance;
import io.borealis.scheduler.validation.JobValidator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Users' commands on rolling updates. Each is one write: a refused command changes nothing, and
 * an accepted one is stored before it returns ({@link UpdateController} carries it out).
 * Thread-safe.
 */
public final class UpdateManager {
    private static final Logger LOG = LoggerFactory.getLogger(UpdateManager.class);

    /** What a job without an {@code UpdateConfig} is updated with (Aurora's defaults). */
    static final UpdateSettings DEFAULTS = new UpdateSettings(1, 45, 0, 0, true, false, null,
            false, UpdateStrategyKind.QUEUE, List.of(), false);

    private final Storage storage;
    private final JobValidator validator;
    private final QuotaManager quotas;
    private final Clock clock;
    private final Runnable wake;

    /** @param wake asks the controller for a round soon (after a command changed an update) */
    public UpdateManager(Storage storage, JobValidator validator, QuotaManager quotas,
            Clock clock, Runnable wake) {
        this.storage = requireNonNull(storage, "storage is null");
        this.validator = requireNonNull(validator, "validator is null");
        this.quotas = requireNonNull(quotas, "quotas is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.wake = requireNonNull(wake, "wake is null");
    }

    /**
     * Starts updating {@code job}'s instances to {@code job}: instances whose configuration is
     * already this one are left alone, instances past the new count are removed, missing ones
     * added.
     *
     * @return the update's id
     * @throws PlatformException INVALID_REQUEST for a configuration that does not validate
     *     (its update settings included), a cron job, another active update or an update that changes
     *     nothing; JOB_NOT_FOUND when the job does not exist; INSUFFICIENT_QUOTA
     */
    public String start(JobConfiguration job, String user, String message) {
        validator.validate(job);
        if (job.cronSchedule() != null && !job.cronSchedule().isBlank()) {
            throw PlatformException.invalid("job " + job.key() + " is a cron job: cron jobs are "
                    + "not updated with 'update start'");
        }
        UpdateSettings settings = job.updateSettings() == null ? DEFAULTS : job.updateSettings();
        String id = storage.write(store -> {
            if (store.jobs().fetch(job.key()).isEmpty()) {
                throw new PlatformException(ErrorCode.JOB_NOT_FOUND,
                        "job " + job.key() + " does not exist: create it with 'borealis job "
                                + "create'");
            }
            store.updates().active(job.key()).ifPresent(other -> {
                throw PlatformException.invalid("job " + job.key() + " already has an active "
                        + "update " + other.id() + " (" + other.status() + "); end it first with "
                        + "'borealis update abort " + job.key() + "'");
            });
            return insert(store, job, settings, user, message);
        });
        wake.run();
        return id;
    }

    /**
     * Starts a rolling restart: each selected instance is killed and started again with the
     * configuration it runs, by the controller as any update (batches, watch, failure limits),
     * and stored as an update. The job's stored configuration is not changed. A rollback has
     * nothing to restore: it ends ROLLED_BACK once the restarted instances run.
     *
     * @param instances the instances to restart; empty for every active one
     * @param overrides the settings that replace the job's update settings for this restart
     * @return the update's id
     * @throws PlatformException INVALID_REQUEST for settings that do not validate, a cron job,
     *     an instance that is not active, a job with no active instance or another active
     *     update; JOB_NOT_FOUND when the job does not exist
     */
    public String restart(JobKey key, Set<Integer> instances, RestartSettings overrides,
            String user, String message) {
        String id = storage.write(store -> {
            JobConfiguration job = store.jobs().fetch(key).orElseThrow(() ->
                    new PlatformException(ErrorCode.JOB_NOT_FOUND, "job " + key
                            + " does not exist"));
            if (job.cronSchedule() != null && !job.cronSchedule().isBlank()) {
                throw PlatformException.invalid("job " + key + " is a cron job: its runs are "
                        + "not restarted; use 'borealis cron start " + key + "'");
            }
            UpdateSettings settings = overrides.over(
                    job.updateSettings() == null ? DEFAULTS : job.updateSettings());
            validator.validate(new JobConfiguration(job.key(), job.owner(), job.instanceCount(),
                    job.taskConfig(), job.cronSchedule(), job.cronCollisionPolicy(), settings,
                    job.cluster(), job.cronTimezone()));
            store.updates().active(key).ifPresent(other -> {
                throw PlatformException.invalid("job " + key + " has an active update "
                        + other.id() + " (" + other.status() + "); end it first with "
                        + "'borealis update abort " + key + "'");
            });
            return insertRestart(store, key, instances, settings, user, message);
        });
        wake.run();
        return id;
    }

    private String insertRestart(MutableStoreProvider store, JobKey key, Set<Integer> selected,
            UpdateSettings settings, String user, String message) {
        Map<Integer, Task> active = new TreeMap<>();
        for (Task task : store.tasks().activeOfJob(key)) {
            active.put(task.instanceId(), task);
        }
        if (active.isEmpty()) {
            throw PlatformException.invalid("job " + key + " has no active instance to restart");
        }
        Set<Integer> missing = new TreeSet<>(selected);
        missing.removeAll(active.keySet());
        if (!missing.isEmpty()) {
            throw PlatformException.invalid("job " + key + " has no active instance "
                    + missing + " (active: " + active.keySet() + "); nothing was restarted");
        }
        List<TaskConfig> configs = new ArrayList<>();
        List<UpdateInstance> instances = new ArrayList<>();
        long now = clock.millis();
        for (Task task : active.values()) {
            if (!selected.isEmpty() && !selected.contains(task.instanceId())) {
                continue;
            }
            int ordinal = configs.indexOf(task.config());
            if (ordinal < 0) {
                configs.add(task.config());
                ordinal = configs.size() - 1;
            }
            instances.add(new UpdateInstance(task.instanceId(), ordinal, ordinal,
                    UpdateInstance.State.PENDING, null, 0, 0, now));
        }
        String id = UUID.randomUUID().toString();
        String why = "restart of " + instances.size() + " instance(s) started by " + user;
        JobUpdate update = new JobUpdate(id, key, user, message, JobUpdateStatus.ROLLING_FORWARD,
                why, settings, active.size(), active.size(), now, now, now);
        store.updates().insert(update, configs, instances);
        store.updates().addEvent(id, new UpdateEvent(now, null,
                JobUpdateStatus.ROLLING_FORWARD.name(),
                why + (message.isBlank() ? "" : ": " + message)));
        LOG.info("update {} of job {}: {}", id, key, why);
        return id;
    }

    private String insert(MutableStoreProvider store, JobConfiguration job,
            UpdateSettings settings, String user, String message) {
        TaskConfig target = job.taskConfig();
        Map<Integer, Task> active = new TreeMap<>();
        for (Task task : store.tasks().activeOfJob(job.key())) {
            active.put(task.instanceId(), task);
        }
        List<TaskConfig> configs = new ArrayList<>(List.of(target));
        List<UpdateInstance> instances = new ArrayList<>();
        Set<Integer> replaced = new HashSet<>();
        Set<Integer> ids = new TreeSet<>(active.keySet());
        for (int i = 0; i < job.instanceCount(); i++) {
            ids.add(i);
        }
        long now = clock.millis();
        for (int instance : ids) {
            Task task = active.get(instance);
            Integer from = null;
            if (task != null) {
                if (instance < job.instanceCount() && task.config().equals(target)) {
                    continue; // unchanged: left alone
                }
                int ordinal = configs.indexOf(task.config());
                if (ordinal < 0) {
                    configs.add(task.config());
                    ordinal = configs.size() - 1;
                }
                from = ordinal;
                replaced.add(instance);
            }
            instances.add(new UpdateInstance(instance, from,
                    instance < job.instanceCount() ? 0 : null, UpdateInstance.State.PENDING,
                    null, 0, 0, now));
        }
        if (instances.isEmpty()) {
            throw PlatformException.invalid("the update of job " + job.key() + " changes "
                    + "nothing: its " + active.size() + " instances already run this "
                    + "configuration");
        }
        quotas.admitUpdate(store, job.key(), replaced, target, job.instanceCount());
        String id = UUID.randomUUID().toString();
        JobUpdateStatus status = settings.pulseIntervalSecs() == null
                ? JobUpdateStatus.ROLLING_FORWARD : JobUpdateStatus.ROLL_FORWARD_AWAITING_PULSE;
        JobUpdate update = new JobUpdate(id, job.key(), user, message, status,
                "started by " + user, settings, active.size(), job.instanceCount(), now, now,
                settings.pulseIntervalSecs() == null ? now : 0);
        store.updates().insert(update, configs, instances);
        String summary = count(instances, true, false) + " to add, "
                + count(instances, true, true) + " to change, "
                + count(instances, false, true) + " to remove";
        store.updates().addEvent(id, new UpdateEvent(now, null, status.name(),
                "started by " + user + " (" + summary + ")"
                        + (message.isBlank() ? "" : ": " + message)));
        LOG.info("update {} of job {} started by {}: {}", id, job.key(), user, summary);
        return id;
    }

    private static long count(List<UpdateInstance> instances, boolean to, boolean from) {
        return instances.stream()
                .filter(i -> (i.toConfig() != null) == to && (i.fromConfig() != null) == from)
                .count();
    }

    /** Pauses the job's active update (in-flight instances stay as they are). */
    public JobUpdate pause(JobKey job, String user, String message) {
        return change(job, user, message, "pause", update -> switch (update.status()) {
            case ROLLING_FORWARD, ROLL_FORWARD_AWAITING_PULSE ->
                    JobUpdateStatus.ROLL_FORWARD_PAUSED;
            case ROLLING_BACK, ROLL_BACK_AWAITING_PULSE -> JobUpdateStatus.ROLL_BACK_PAUSED;
            default -> null;
        });
    }

    /** Resumes a paused update in the direction it was going. */
    public JobUpdate resume(JobKey job, String user, String message) {
        return change(job, user, message, "resume", update -> switch (update.status()) {
            case ROLL_FORWARD_PAUSED -> JobUpdateStatus.ROLLING_FORWARD;
            case ROLL_BACK_PAUSED -> JobUpdateStatus.ROLLING_BACK;
            default -> null;
        });
    }

    /** Ends the update where it is: instances keep whichever configuration they have. */
    public JobUpdate abort(JobKey job, String user, String message) {
        return change(job, user, message, "abort", update -> JobUpdateStatus.ABORTED);
    }

    /** Rolls back the instances the update touched, newest first. */
    public JobUpdate rollback(JobKey job, String user, String message) {
        return change(job, user, message, "rollback", update -> update.status().isBackward()
                ? null : JobUpdateStatus.ROLLING_BACK);
    }

    /** Records a pulse: an update with {@code pulseIntervalSecs} goes on until the next is due. */
    public JobUpdate pulse(JobKey job, String user, String message) {
        JobUpdate pulsed = storage.write(store -> {
            JobUpdate update = activeUpdate(store, job, "pulse");
            if (update.settings().pulseIntervalSecs() == null) {
                throw PlatformException.invalid("update " + update.id() + " of job " + job
                        + " has no pulse_interval_secs: it needs no pulse");
            }
            long now = clock.millis();
            JobUpdate changed = update.withPulse(now);
            JobUpdateStatus to = switch (update.status()) {
                case ROLL_FORWARD_AWAITING_PULSE -> JobUpdateStatus.ROLLING_FORWARD;
                case ROLL_BACK_AWAITING_PULSE -> JobUpdateStatus.ROLLING_BACK;
                default -> update.status();
            };
            if (to != update.status()) {
                changed = changed.withStatus(to, "pulsed by " + user, now);
            }
            store.updates().save(changed);
            store.updates().addEvent(update.id(), new UpdateEvent(now, null, to.name(),
                    "pulsed by " + user + (message.isBlank() ? "" : ": " + message)));
            return changed;
        });
        wake.run();
        return pulsed;
    }

    private interface Transition {
        JobUpdateStatus to(JobUpdate update);
    }

    private JobUpdate change(JobKey job, String user, String message, String command,
            Transition transition) {
        JobUpdate changed = storage.write(store -> {
            JobUpdate update = activeUpdate(store, job, command);
            JobUpdateStatus to = transition.to(update);
            if (to == null) {
                throw PlatformException.invalid("cannot " + command + " update " + update.id()
                        + " of job " + job + ": it is " + update.status());
            }
            long now = clock.millis();
            String why = command + " by " + user + (message.isBlank() ? "" : ": " + message);
            JobUpdate next = update.withStatus(to, why, now);
            store.updates().save(next);
            store.updates().addEvent(update.id(), new UpdateEvent(now, null, to.name(), why));
            if (to == JobUpdateStatus.ROLLING_BACK) {
                UpdateController.beginRollback(store, update.id(), now);
            }
            if (!to.isActive() && !store.tasks().hasActive(job)) {
                // Kept while the update ran (it was replacing the last instance): gone now.
                store.jobs().delete(job);
            }
            LOG.info("update {} of job {}: {} -> {} ({})", update.id(), job, update.status(), to,
                    why);
            return next;
        });
        wake.run();
        return changed;
    }

    private static JobUpdate activeUpdate(MutableStoreProvider store, JobKey job, String command) {
        return store.updates().active(job).orElseThrow(() -> PlatformException.invalid(
                "cannot " + command + ": job " + job + " has no active update"));
    }
}
