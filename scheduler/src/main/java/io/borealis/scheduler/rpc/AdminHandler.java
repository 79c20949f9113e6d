package io.borealis.scheduler.rpc;

import static java.util.Objects.requireNonNull;

import io.borealis.api.thrift.Admin;
import io.borealis.api.thrift.Resources;
import io.borealis.api.thrift.Response;
import io.borealis.api.thrift.TaskQuery;
import io.borealis.scheduler.error.PlatformException;

/**
 * {@code Admin}: operators' calls (quotas, pruning, reconciliation), authorized as
 * {@code thrift.Admin:METHOD} once authentication is on. Thread-safe.
 */
public final class AdminHandler implements Admin.Iface {
    private final Responses responses;

    public AdminHandler(Responses responses) {
        this.responses = requireNonNull(responses, "responses is null");
    }

    @Override
    public Response setQuota(String ownerRole, Resources quota) {
        return responses.run("setQuota", () -> {
            throw PlatformException.invalid("setQuota is not available yet");
        });
    }

    @Override
    public Response pruneTasks(TaskQuery query) {
        return responses.run("pruneTasks", () -> {
            throw PlatformException.invalid("pruneTasks is not available yet");
        });
    }

    @Override
    public Response reconcileTasks() {
        return responses.run("reconcileTasks", () -> {
            throw PlatformException.invalid("reconcileTasks is not available yet");
        });
    }
}
