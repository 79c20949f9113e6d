package io.borealis.scheduler.quota;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.JobKey;
import io.borealis.api.model.Resources;
import io.borealis.api.model.TaskConfig;
import io.borealis.api.validation.Problem;
import io.borealis.api.validation.QuotaRules;
import io.borealis.scheduler.error.ErrorCode;
import io.borealis.scheduler.error.PlatformException;
import io.borealis.scheduler.storage.Storage;
import io.borealis.scheduler.storage.StoreProvider;
import io.borealis.scheduler.storage.Task;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Roles' quotas in storage: setting them (operators), reading them with their consumption, and
 * the admission check that job changes run inside their own write, so that the check and the
 * tasks it admits commit together (two concurrent creates cannot both squeeze into the last of a
 * quota: writes are serialised). Thread-safe.
 */
public final class QuotaManager {
    private static final Logger LOG = LoggerFactory.getLogger(QuotaManager.class);

    private final Storage storage;
    private final QuotaCheck check;

    public QuotaManager(Storage storage, QuotaCheck check) {
        this.storage = requireNonNull(storage, "storage is null");
        this.check = requireNonNull(check, "check is null");
    }

    public QuotaCheck check() {
        return check;
    }

    /**
     * The role's quota (zero when none was set, as for a role nobody has heard of) and what its
     * active tasks hold.
     *
     * @throws PlatformException INVALID_REQUEST when {@code role} is not a valid role
     */
    public QuotaUsage usage(String role) {
        checkRole(role);
        return storage.read(store -> new QuotaUsage(quota(store, role), consumption(store, role)));
    }

    /**
     * Replaces the role's quota (Aurora's {@code setQuota}); gpu is ignored.
     *
     * @throws PlatformException INVALID_REQUEST naming every problem of the role or the quota;
     *     nothing is stored then
     */
    public void setQuota(String role, Resources quota) {
        checkRole(role);
        requireNonNull(quota, "quota is null");
        List<Problem> problems = QuotaRules.problems(quota);
        if (!problems.isEmpty()) {
            throw PlatformException.invalid(problems.stream().map(Problem::toString)
                    .collect(Collectors.joining("; ")));
        }
        Resources kept = new Resources(quota.cpu(), quota.ramMb(), quota.diskMb(), 0);
        storage.write(store -> {
            store.quotas().save(role, kept);
            return null;
        });
        LOG.info("quota of role {} set to {} cpu, {} MB ram, {} MB disk", role, kept.cpu(),
                kept.ramMb(), kept.diskMb());
    }

    /**
     * Admits {@code instances} new tasks of {@code config}, or refuses them. Call it inside the
     * write that creates the tasks, before creating them. Work that does not count against quota
     * (non-production or dedicated) is always admitted.
     *
     * @throws PlatformException INSUFFICIENT_QUOTA naming the role and each resource that is
     *     short: what is asked, what is left and the quota
     */
    public void admit(StoreProvider store, TaskConfig config, int instances) {
        if (!check.counts(config)) {
            return;
        }
        String role = config.job().role();
        Resources asked = Amounts.times(config.resources(), instances);
        Resources used = consumption(store, role).prodShared();
        QuotaCheck.refusal(role, quota(store, role), used, asked).ifPresent(message -> {
            throw new PlatformException(ErrorCode.INSUFFICIENT_QUOTA, message);
        });
    }

    /**
     * Admits an update of {@code job} that leaves it with {@code instances} tasks of
     * {@code config} in place of its active instances {@code replaced} (changed or removed ones),
     * or refuses it: what the role uses apart from those instances, plus the new ones, must fit.
     *
     * @throws PlatformException INSUFFICIENT_QUOTA as {@link #admit}
     */
    public void admitUpdate(StoreProvider store, JobKey job, Set<Integer> replaced,
            TaskConfig config, int instances) {
        if (!check.counts(config)) {
            return;
        }
        String role = job.role();
        Resources used = check.consumption(store.tasks().activeOfRole(role).stream()
                .filter(task -> !(task.jobKey().equals(job)
                        && replaced.contains(task.instanceId())))
                .map(Task::config)
                .toList()).prodShared();
        QuotaCheck.refusal(role, quota(store, role), used,
                Amounts.times(config.resources(), instances)).ifPresent(message -> {
                    throw new PlatformException(ErrorCode.INSUFFICIENT_QUOTA, message);
                });
    }

    private static Resources quota(StoreProvider store, String role) {
        return store.quotas().fetch(role).orElse(Amounts.ZERO);
    }

    /** What the role's active tasks hold, from memory: O(active jobs + the role's tasks). */
    private Consumption consumption(StoreProvider store, String role) {
        return check.consumption(store.tasks().activeOfRole(role).stream()
                .map(Task::config)
                .toList());
    }

    private static void checkRole(String role) {
        try {
            JobKey.checkRole(requireNonNull(role, "role is null"));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw PlatformException.invalid(e.getMessage());
        }
    }
}
