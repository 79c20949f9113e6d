/*
 * Borealis model: immutable records mirroring the Thrift IDL (api/src/main/thrift). Thrift types
 * stay at the edge; ThriftCodec converts between the two.
 */
package io.borealis.api.model;

import java.util.Set;

/** Mirrors Thrift {@code TaskQuery}. Nullable: {@code role}, {@code environment}, {@code jobName}, {@code taskIds}, {@code statuses}, {@code instanceIds}, {@code agentHosts}, {@code jobKeys}, {@code offset}, {@code limit}. */
public record TaskQuery(
        String role,
        String environment,
        String jobName,
        Set<String> taskIds,
        Set<TaskStatus> statuses,
        Set<Integer> instanceIds,
        Set<String> agentHosts,
        Set<JobKey> jobKeys,
        Integer offset,
        Integer limit) {
    public TaskQuery {
        taskIds = Copies.set(taskIds, "taskIds");
        statuses = Copies.set(statuses, "statuses");
        instanceIds = Copies.set(instanceIds, "instanceIds");
        agentHosts = Copies.set(agentHosts, "agentHosts");
        jobKeys = Copies.set(jobKeys, "jobKeys");
    }
}
