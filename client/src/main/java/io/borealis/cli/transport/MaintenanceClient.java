package io.borealis.cli.transport;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.SlaPolicy;
import io.borealis.api.model.ThriftCodec;
import io.borealis.api.thrift.Admin;
import io.borealis.api.thrift.HostStatus;
import io.borealis.api.thrift.Hosts;
import io.borealis.api.thrift.Response;
import io.borealis.api.thrift.ResponseDetail;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The scheduler's host maintenance calls ({@code Admin.startMaintenance}, {@code drainHosts},
 * {@code slaDrainHosts}, {@code maintenanceStatus}, {@code endMaintenance}) as
 * {@code borealis-admin} needs them, over {@link SchedulerClient}'s transport and failure
 * mapping. Thread-safe as its scheduler client is.
 */
public final class MaintenanceClient {
    /** One host's mode as the scheduler answered it (a MaintenanceMode name). */
    public record HostMode(String host, String mode) {
        public HostMode {
            requireNonNull(host, "host is null");
            requireNonNull(mode, "mode is null");
        }
    }

    /** The hosts' modes after a call, and what the scheduler said beside them. */
    public record Answer(List<HostMode> hosts, List<String> notes) {
        public Answer {
            hosts = List.copyOf(hosts);
            notes = List.copyOf(notes);
        }
    }

    private final SchedulerClient scheduler;

    public MaintenanceClient(SchedulerClient scheduler) {
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
    }

    /** NONE -> SCHEDULED. */
    public Answer startMaintenance(Set<String> hosts) throws SchedulerException {
        return answer("startMaintenance", scheduler.call("Admin", Admin.Client::new,
                client -> client.startMaintenance(new Hosts(hosts))));
    }

    /** -> DRAINING: every task killed and rescheduled elsewhere; DRAINED once empty. */
    public Answer drainHosts(Set<String> hosts) throws SchedulerException {
        return answer("drainHosts", scheduler.call("Admin", Admin.Client::new,
                client -> client.drainHosts(new Hosts(hosts))));
    }

    /** -> DRAINING as fast as each job's SLA policy allows ({@code defaultPolicy} if none). */
    public Answer slaDrainHosts(Set<String> hosts, SlaPolicy defaultPolicy, long timeoutSecs)
            throws SchedulerException {
        return answer("slaDrainHosts", scheduler.call("Admin", Admin.Client::new,
                client -> client.slaDrainHosts(new Hosts(hosts),
                        defaultPolicy == null ? null : ThriftCodec.toThrift(defaultPolicy),
                        timeoutSecs)));
    }

    /** The hosts' modes. */
    public Answer status(Set<String> hosts) throws SchedulerException {
        return answer("maintenanceStatus", scheduler.call("Admin", Admin.Client::new,
                client -> client.maintenanceStatus(new Hosts(hosts))));
    }

    /** Back to NONE. */
    public Answer endMaintenance(Set<String> hosts) throws SchedulerException {
        return answer("endMaintenance", scheduler.call("Admin", Admin.Client::new,
                client -> client.endMaintenance(new Hosts(hosts))));
    }

    private Answer answer(String method, Response response) throws SchedulerException {
        if (!response.isSetResult() || !response.getResult().isSetMaintenanceStatusResult()) {
            throw new SchedulerException(SchedulerException.Failure.REFUSED, "scheduler at "
                    + scheduler.schedulerUri() + " answered " + method + " without a result",
                    null);
        }
        List<HostMode> hosts = new ArrayList<>();
        for (HostStatus status : response.getResult().getMaintenanceStatusResult()
                .getStatuses()) {
            hosts.add(new HostMode(status.getHost(), String.valueOf(status.getMode())));
        }
        List<String> notes = new ArrayList<>();
        if (response.getDetails() != null) {
            for (ResponseDetail detail : response.getDetails()) {
                notes.add(detail.getMessage());
            }
        }
        return new Answer(hosts, notes);
    }
}
