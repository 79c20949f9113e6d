package io.borealis.scheduler.scheduling;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.AgentInfo;
import io.borealis.scheduler.storage.Task;
import java.util.List;

/**
 * A decision to evict {@code victims} from {@code agent} so that {@code preemptor}, which fits
 * nowhere, can run there (aurora-features §2.8). The victims move to PREEMPTING; the agent is
 * held for the preemptor until it lands or the hold expires.
 */
public record Preemption(Task preemptor, AgentInfo agent, List<Task> victims) {
    public Preemption {
        requireNonNull(preemptor, "preemptor is null");
        requireNonNull(agent, "agent is null");
        victims = List.copyOf(victims);
        if (victims.isEmpty()) {
            throw new IllegalArgumentException("a preemption needs victims");
        }
    }

    /** The victims' event: {@code Preempted by TASK_ID (ROLE/ENV/JOB/INSTANCE)}. */
    public String message() {
        return "Preempted by " + preemptor.id().value() + " (" + preemptor.jobKey() + "/"
                + preemptor.instanceId() + ")";
    }
}
