package io.borealis.scheduler.rpc;

import io.borealis.api.model.ThriftCodec;
import io.borealis.api.thrift.HostStatus;
import io.borealis.api.thrift.Hosts;
import io.borealis.api.thrift.MaintenanceMode;
import io.borealis.api.thrift.MaintenanceStatusResult;
import io.borealis.api.thrift.Response;
import io.borealis.api.thrift.ResponseDetail;
import io.borealis.api.thrift.Result;
import io.borealis.api.thrift.SlaPolicy;
import io.borealis.scheduler.error.PlatformException;
import io.borealis.scheduler.maintenance.HostState;
import io.borealis.scheduler.storage.HostMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The Thrift edge of host maintenance for {@link AdminHandler}: decodes {@code Hosts} and the
 * default SLA policy, answers a {@code MaintenanceStatusResult}, and adds a detail naming the
 * hosts no registered agent runs on (their mode is stored all the same). Stateless.
 */
final class MaintenanceRpc {
    private MaintenanceRpc() {}

    /** Runs {@code call} and answers its host states. */
    static Response answer(Responses responses, String method, Supplier<List<HostState>> call) {
        List<String> unregistered = new ArrayList<>();
        Response response = responses.run(method, () -> {
            List<HostState> states = call.get();
            List<HostStatus> statuses = new ArrayList<>();
            for (HostState state : states) {
                statuses.add(new HostStatus(state.host(), mode(state.mode())));
                if (!state.registered()) {
                    unregistered.add(state.host());
                }
            }
            return Result.maintenanceStatusResult(new MaintenanceStatusResult(statuses));
        });
        if (!unregistered.isEmpty()) {
            response.addToDetails(new ResponseDetail("no registered agent runs on "
                    + String.join(", ", unregistered) + "; the mode is kept and applies once "
                    + "one registers"));
        }
        return response;
    }

    /** The host names of a call; a missing set is refused like an empty one. */
    static Set<String> hosts(Hosts hosts) {
        if (hosts == null || hosts.getHostNames() == null) {
            throw PlatformException.invalid("hosts must name at least one host");
        }
        return hosts.getHostNames();
    }

    /** The host names of a status call; none means every host in maintenance. */
    static Set<String> hostsOrAll(Hosts hosts) {
        return hosts == null || hosts.getHostNames() == null ? Set.of() : hosts.getHostNames();
    }

    /** The default SLA policy of an SLA-aware drain; null (not set) means none. */
    static io.borealis.api.model.SlaPolicy policy(SlaPolicy policy) {
        if (policy == null || policy.getSetField() == null) {
            return null;
        }
        return Responses.decode("default SLA policy", () -> ThriftCodec.fromThrift(policy));
    }

    private static MaintenanceMode mode(HostMode mode) {
        return switch (mode) {
            case NONE -> MaintenanceMode.NONE;
            case SCHEDULED -> MaintenanceMode.SCHEDULED;
            case DRAINING -> MaintenanceMode.DRAINING;
            case DRAINED -> MaintenanceMode.DRAINED;
        };
    }
}
