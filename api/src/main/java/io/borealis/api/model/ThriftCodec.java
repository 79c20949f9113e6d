/*
 * Borealis model: conversion between Thrift types and model records. Generated once from the IDL
 * by a throwaway script and maintained by hand since; extend it when the IDL grows.
 */
package io.borealis.api.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Converts every model record to its Thrift struct and back. Null in, null out. Thread-safe. */
public final class ThriftCodec {
    private static final io.borealis.api.thrift.ScheduleStatus[] STATUSES =
            new io.borealis.api.thrift.ScheduleStatus[TaskStatus.values().length];

    static {
        for (TaskStatus status : TaskStatus.values()) {
            STATUSES[status.ordinal()] = io.borealis.api.thrift.ScheduleStatus.valueOf(status.name());
        }
    }

    /** The Thrift twin of {@code status}, by a table (a job's status converts every event's). */
    public static io.borealis.api.thrift.ScheduleStatus toThrift(TaskStatus status) {
        return status == null ? null : STATUSES[status.ordinal()];
    }

    private ThriftCodec() {}

    public static io.borealis.api.thrift.JobKey toThrift(JobKey v) {
        if (v == null) {
            return null;
        }
        io.borealis.api.thrift.JobKey t = new io.borealis.api.thrift.JobKey();
        if (v.role() != null) {
            t.setRole(v.role());
        }
        if (v.environment() != null) {
            t.setEnvironment(v.environment());
        }
        if (v.name() != null) {
            t.setName(v.name());
        }
        return t;
    }

    public static JobKey fromThrift(io.borealis.api.thrift.JobKey t) {
        if (t == null) {
            return null;
        }
        return new JobKey(
                t.getRole(),
                t.getEnvironment(),
                t.getName());
    }

    public static io.borealis.api.thrift.Resources toThrift(Resources v) {
        if (v == null) {
            return null;
        }
        io.borealis.api.thrift.Resources t = new io.borealis.api.thrift.Resources();
        t.setCpu(v.cpu());
        t.setRamMb(v.ramMb());
        t.setDiskMb(v.diskMb());
        t.setGpu(v.gpu());
        return t;
    }

    public static Resources fromThrift(io.borealis.api.thrift.Resources t) {
        if (t == null) {
            return null;
        }
        return new Resources(
                t.getCpu(),
                t.getRamMb(),
                t.getDiskMb(),
                t.getGpu());
    }

    public static io.borealis.api.thrift.Logger toThrift(Logger v) {
        if (v == null) {
            return null;
        }
        io.borealis.api.thrift.Logger t = new io.borealis.api.thrift.Logger();
        if (v.destination() != null) {
            t.setDestination(io.borealis.api.thrift.LoggerDestination.valueOf(v.destination().name()));
        }
        if (v.mode() != null) {
            t.setMode(io.borealis.api.thrift.LoggerMode.valueOf(v.mode().name()));
        }
        t.setRotateLogSizeBytes(v.rotateLogSizeBytes());
        t.setRotateBackups(v.rotateBackups());
        return t;
    }

    public static Logger fromThrift(io.borealis.api.thrift.Logger t) {
        if (t == null) {
            return null;
        }
        return new Logger(
                LoggerDestination.valueOf(t.getDestination().name()),
                LoggerMode.valueOf(t.getMode().name()),
                t.getRotateLogSizeBytes(),
                t.getRotateBackups());
    }

    public static io.borealis.api.thrift.Process toThrift(Process v) {
        if (v == null) {
            return null;
        }
        io.borealis.api.thrift.Process t = new io.borealis.api.thrift.Process();
        if (v.name() != null) {
            t.setName(v.name());
        }
        if (v.cmdline() != null) {
            t.setCmdline(v.cmdline());
        }
        t.setMaxFailures(v.maxFailures());
        t.setDaemon(v.daemon());
        t.setEphemeral(v.ephemeral());
        t.setMinDurationSecs(v.minDurationSecs());
        t.setIsFinal(v.isFinal());
        if (v.logger() != null) {
            t.setLogger(toThrift(v.logger()));
        }
        return t;
    }

    public static Process fromThrift(io.borealis.api.thrift.Process t) {
        if (t == null) {
            return null;
        }
        return new Process(
                t.getName(),
                t.getCmdline(),
                t.getMaxFailures(),
                t.isDaemon(),
                t.isEphemeral(),
                t.getMinDurationSecs(),
                t.isIsFinal(),
                fromThrift(t.getLogger()));
    }

    public static io.borealis.api.thrift.HttpHealthChecker toThrift(HttpHealthChecker v) {
        if (v == null) {
            return null;
        }
        io.borealis.api.thrift.HttpHealthChecker t = new io.borealis.api.thrift.HttpHealthChecker();
        if (v.endpoint() != null) {
            t.setEndpoint(v.endpoint());
        }
        if (v.expectedResponse() != null) {
            t.setExpectedResponse(v.expectedResponse());
        }
        t.setExpectedResponseCode(v.expectedResponseCode());
        return t;
    }

    public static HttpHealthChecker fromThrift(io.borealis.api.thrift.HttpHealthChecker t) {
        if (t == null) {
            return null;
        }
        return new HttpHealthChecker(
                t.getEndpoint(),
                t.getExpectedResponse(),
                t.getExpectedResponseCode());
    }

    public static io.borealis.api.thrift.ShellHealthChecker toThrift(ShellHealthChecker v) {
        if (v == null) {
            return null;
        }
        io.borealis.api.thrift.ShellHealthChecker t = new io.borealis.api.thrift.ShellHealthChecker();
        if (v.shellCommand() != null) {
            t.setShellCommand(v.shellCommand());
        }
        return t;
    }

    public static ShellHealthChecker fromThrift(io.borealis.api.thrift.ShellHealthChecker t) {
        if (t == null) {
            return null;
        }
        return new ShellHealthChecker(
                t.getShellCommand());
    }

    public static io.borealis.api.thrift.HealthCheckConfig toThrift(HealthCheckConfig v) {
        if (v == null) {
            return null;
        }
        io.borealis.api.thrift.HealthCheckConfig t = new io.borealis.api.thrift.HealthCheckConfig();
        if (v.http() != null) {
            t.setHttp(toThrift(v.http()));
        }
        if (v.shell() != null) {
            t.setShell(toThrift(v.shell()));
        }
        t.setInitialIntervalSecs(v.initialIntervalSecs());
        t.setIntervalSecs(v.intervalSecs());
        t.setMaxConsecutiveFailures(v.maxConsecutiveFailures());
        t.setMinConsecutiveSuccesses(v.minConsecutiveSuccesses());
        t.setTimeoutSecs(v.timeoutSecs());
        return t;
    }

    public static HealthCheckConfig fromThrift(io.borealis.api.thrift.HealthCheckConfig t) {
        if (t == null) {
            return null;
        }
        return new HealthCheckConfig(
                t.isSetHttp() ? fromThrift(t.getHttp()) : null,
                t.isSetShell() ? fromThrift(t.getShell()) : null,
                t.getInitialIntervalSecs(),
                t.getIntervalSecs(),
                t.getMaxConsecutiveFailures(),
                t.getMinConsecutiveSuccesses(),
                t.getTimeoutSecs());
    }

    public static io.borealis.api.thrift.HttpLifecycleConfig toThrift(HttpLifecycleConfig v) {
        if (v == null) {
            return null;
        }
        io.borealis.api.thrift.HttpLifecycleConfig t = new io.borealis.api.thrift.HttpLifecycleConfig();
        if (v.port() != null) {
            t.setPort(v.port());
        }
        if (v.gracefulShutdownEndpoints() != null) {
            t.setGracefulShutdownEndpoints(new ArrayList<>(v.gracefulShutdownEndpoints()));
        }
        if (v.shutdownEndpoints() != null) {
            t.setShutdownEndpoints(new ArrayList<>(v.shutdownEndpoints()));
        }
        t.setGracefulShutdownWaitSecs(v.gracefulShutdownWaitSecs());
        t.setShutdownWaitSecs(v.shutdownWaitSecs());
        return t;
    }

    public static HttpLifecycleConfig fromThrift(io.borealis.api.thrift.HttpLifecycleConfig t) {
        if (t == null) {
            return null;
        }
        return new HttpLifecycleConfig(
                t.getPort(),
                nullToEmpty(t.getGracefulShutdownEndpoints()),
                nullToEmpty(t.getShutdownEndpoints()),
                t.getGracefulShutdownWaitSecs(),
                t.getShutdownWaitSecs());
    }

    public static io.borealis.api.thrift.TaskSpec toThrift(TaskSpec v) {
        if (v == null) {
            return null;
        }
        io.borealis.api.thrift.TaskSpec t = new io.borealis.api.thrift.TaskSpec();
        if (v.name() != null) {
            t.setName(v.name());
        }
        if (v.processes() != null) {
            t.setProcesses(v.processes().stream().map(x -> toThrift(x)).collect(Collectors.toCollection(ArrayList::new)));
        }
        if (v.orderConstraints() != null) {
            t.setOrderConstraints(v.orderConstraints().stream().map(x -> new ArrayList<>(x)).collect(Collectors.toCollection(ArrayList::new)));
        }
        t.setMaxFailures(v.maxFailures());
        t.setMaxConcurrency(v.maxConcurrency());
        t.setFinalizationWaitSecs(v.finalizationWaitSecs());
        if (v.healthCheck() != null) {
            t.setHealthCheck(toThrift(v.healthCheck()));
        }
        if (v.lifecycle() != null) {
            t.setLifecycle(toThrift(v.lifecycle()));
        }
        return t;
    }

    public static TaskSpec fromThrift(io.borealis.api.thrift.TaskSpec t) {
        if (t == null) {
            return null;
        }
        return new TaskSpec(
                t.getName(),
                nullToEmpty(t.getProcesses()).stream().map(x -> fromThrift(x)).toList(),
                nullToEmpty(t.getOrderConstraints()).stream().map(x -> nullToEmpty(x)).toList(),
                t.getMaxFailures(),
                t.getMaxConcurrency(),
                t.getFinalizationWaitSecs(),
                t.isSetHealthCheck() ? fromThrift(t.getHealthCheck()) : null,
                t.isSetLifecycle() ? fromThrift(t.getLifecycle()) : null);
    }

    public static io.borealis.api.thrift.Constraint toThrift(Constraint v) {
        if (v == null) {
            return null;
        }
        io.borealis.api.thrift.Constraint t = new io.borealis.api.thrift.Constraint();
        if (v.attribute() != null) {
            t.setAttribute(v.attribute());
        }
        t.setNegated(v.negated());
        if (v.values() != null) {
            t.setValues(new LinkedHashSet<>(v.values()));
        }
        t.setLimit(v.limit());
        return t;
    }

    public static Constraint fromThrift(io.borealis.api.thrift.Constraint t) {
        if (t == null) {
            return null;
        }
        return new Constraint(
                t.getAttribute(),
                t.isNegated(),
                nullToEmpty(t.getValues()),
                t.getLimit());
    }

    public static io.borealis.api.thrift.Metadata toThrift(Metadata v) {
        if (v == null) {
            return null;
        }
        io.borealis.api.thrift.Metadata t = new io.borealis.api.thrift.Metadata();
        if (v.key() != null) {
            t.setKey(v.key());
        }
        if (v.value() != null) {
            t.setValue(v.value());
        }
        return t;
    }

    public static Metadata fromThrift(io.borealis.api.thrift.Metadata t) {
        if (t == null) {
            return null;
        }
        return new Metadata(
                t.getKey(),
                t.getValue());
    }

    public static io.borealis.api.thrift.DockerParameter toThrift(DockerParameter v) {
        if (v == null) {
            return null;
        }
        io.borealis.api.thrift.DockerParameter t = new io.borealis.api.thrift.DockerParameter();
        if (v.name() != null) {
            t.setName(v.name());
        }
        if (v.value() != null) {
            t.setValue(v.value());
        }
        return t;
    }

    public static DockerParameter fromThrift(io.borealis.api.thrift.DockerParameter t) {
        if (t == null) {
            return null;
        }
        return new DockerParameter(
                t.getName(),
                t.getValue());
    }

    public static io.borealis.api.thrift.Volume toThrift(Volume v) {
        if (v == null) {
            return null;
        }
        io.borealis.api.thrift.Volume t = new io.borealis.api.thrift.Volume();
        if (v.containerPath() != null) {
            t.setContainerPath(v.containerPath());
        }
        if (v.hostPath() != null) {
            t.setHostPath(v.hostPath());
        }
        if (v.mode() != null) {
            t.setMode(io.borealis.api.thrift.VolumeMode.valueOf(v.mode().name()));
        }
        return t;
    }

    public static Volume fromThrift(io.borealis.api.thrift.Volume t) {
        if (t == null) {
            return null;
        }
        return new Volume(
                t.getContainerPath(),
                t.getHostPath(),
                VolumeMode.valueOf(t.getMode().name()));
    }

    public static io.borealis.api.thrift.DockerContainer toThrift(DockerContainer v) {
        if (v == null) {
            return null;
        }
        io.borealis.api.thrift.DockerContainer t = new io.borealis.api.thrift.DockerContainer();
        if (v.image() != null) {
            t.setImage(v.image());
        }
        if (v.parameters() != null) {
            t.setParameters(v.parameters().stream().map(x -> toThrift(x)).collect(Collectors.toCollection(ArrayList::new)));
        }
        if (v.volumes() != null) {
            t.setVolumes(v.volumes().stream().map(x -> toThrift(x)).collect(Collectors.toCollection(ArrayList::new)));
        }
        return t;
    }

    public static DockerContainer fromThrift(io.borealis.api.thrift.DockerContainer t) {
        if (t == null) {
            return null;
        }
        return new DockerContainer(
                t.getImage(),
                nullToEmpty(t.getParameters()).stream().map(x -> fromThrift(x)).toList(),
                nullToEmpty(t.getVolumes()).stream().map(x -> fromThrift(x)).toList());
    }

    public static io.borealis.api.thrift.Announcer toThrift(Announcer v) {
        if (v == null) {
            return null;
        }
        io.borealis.api.thrift.Announcer t = new io.borealis.api.thrift.Announcer();
        if (v.primaryPort() != null) {
            t.setPrimaryPort(v.primaryPort());
        }
        if (v.portmap() != null) {
            t.setPortmap(new LinkedHashMap<>(v.portmap()));
        }
        if (v.zkPath() != null) {
            t.setZkPath(v.zkPath());
        }
        return t;
    }

    public static Announcer fromThrift(io.borealis.api.thrift.Announcer t) {
        if (t == null) {
            return null;
        }
        return new Announcer(
                t.getPrimaryPort(),
                nullToEmpty(t.getPortmap()),
                t.isSetZkPath() ? t.getZkPath() : null);
    }

    public static io.borealis.api.thrift.PartitionPolicy toThrift(PartitionPolicy v) {
        if (v == null) {
            return null;
        }
        io.borealis.api.thrift.PartitionPolicy t = new io.borealis.api.thrift.PartitionPolicy();
        t.setReschedule(v.reschedule());
        t.setDelaySecs(v.delaySecs());
        return t;
    }

    public static PartitionPolicy fromThrift(io.borealis.api.thrift.PartitionPolicy t) {
        if (t == null) {
            return null;
        }
        return new PartitionPolicy(
                t.isReschedule(),
                t.getDelaySecs());
    }

    public static io.borealis.api.thrift.CountSlaPolicy toThrift(CountSlaPolicy v) {
        if (v == null) {
            return null;
        }
        io.borealis.api.thrift.CountSlaPolicy t = new io.borealis.api.thrift.CountSlaPolicy();
        t.setCount(v.count());
        t.setDurationSecs(v.durationSecs());
        return t;
    }

    public static CountSlaPolicy fromThrift(io.borealis.api.thrift.CountSlaPolicy t) {
        if (t == null) {
            return null;
        }
        return new CountSlaPolicy(
                t.getCount(),
                t.getDurationSecs());
    }

    public static io.borealis.api.thrift.PercentageSlaPolicy toThrift(PercentageSlaPolicy v) {
        if (v == null) {
            return null;
        }
        io.borealis.api.thrift.PercentageSlaPolicy t = new io.borealis.api.thrift.PercentageSlaPolicy();
        t.setPercentage(v.percentage());
        t.setDurationSecs(v.durationSecs());
        return t;
    }

    public static PercentageSlaPolicy fromThrift(io.borealis.api.thrift.PercentageSlaPolicy t) {
        if (t == null) {
            return null;
        }
        return new PercentageSlaPolicy(
                t.getPercentage(),
                t.getDurationSecs());
    }

    public static io.borealis.api.thrift.CoordinatorSlaPolicy toThrift(CoordinatorSlaPolicy v) {
        if (v == null) {
            return null;
        }
        io.borealis.api.thrift.CoordinatorSlaPolicy t = new io.borealis.api.thrift.CoordinatorSlaPolicy();
        if (v.coordinatorUrl() != null) {
            t.setCoordinatorUrl(v.coordinatorUrl());
        }
        if (v.statusKey() != null) {
            t.setStatusKey(v.statusKey());
        }
        return t;
    }

    public static CoordinatorSlaPolicy fromThrift(io.borealis.api.thrift.CoordinatorSlaPolicy t) {
        if (t == null) {
            return null;
        }
        return new CoordinatorSlaPolicy(
                t.getCoordinatorUrl(),
                t.getStatusKey());
    }

    public static io.borealis.api.thrift.SlaPolicy toThrift(SlaPolicy v) {
        if (v == null) {
            return null;
        }
        io.borealis.api.thrift.SlaPolicy t = new io.borealis.api.thrift.SlaPolicy();
        if (v.count() != null) {
            t.setCount(toThrift(v.count()));
        }
        if (v.percentage() != null) {
            t.setPercentage(toThrift(v.percentage()));
        }
        if (v.coordinator() != null) {
            t.setCoordinator(toThrift(v.coordinator()));
        }
        return t;
    }

    public static SlaPolicy fromThrift(io.borealis.api.thrift.SlaPolicy t) {
        if (t == null) {
            return null;
        }
        return new SlaPolicy(
                t.isSet(io.borealis.api.thrift.SlaPolicy._Fields.COUNT) ? fromThrift(t.getCount()) : null,
                t.isSet(io.borealis.api.thrift.SlaPolicy._Fields.PERCENTAGE) ? fromThrift(t.getPercentage()) : null,
                t.isSet(io.borealis.api.thrift.SlaPolicy._Fields.COORDINATOR) ? fromThrift(t.getCoordinator()) : null);
    }

    public static io.borealis.api.thrift.TaskConfig toThrift(TaskConfig v) {
        if (v == null) {
            return null;
        }
        io.borealis.api.thrift.TaskConfig t = new io.borealis.api.thrift.TaskConfig();
        if (v.job() != null) {
            t.setJob(toThrift(v.job()));
        }
        t.setIsService(v.isService());
        t.setPriority(v.priority());
        t.setProduction(v.production());
        if (v.tier() != null) {
            t.setTier(v.tier());
        }
        t.setMaxTaskFailures(v.maxTaskFailures());
        if (v.resources() != null) {
            t.setResources(toThrift(v.resources()));
        }
        if (v.constraints() != null) {
            t.setConstraints(v.constraints().stream().map(x -> toThrift(x)).collect(Collectors.toCollection(ArrayList::new)));
        }
        if (v.requestedPorts() != null) {
            t.setRequestedPorts(new LinkedHashSet<>(v.requestedPorts()));
        }
        if (v.task() != null) {
            t.setTask(toThrift(v.task()));
        }
        if (v.container() != null) {
            t.setContainer(toThrift(v.container()));
        }
        if (v.metadata() != null) {
            t.setMetadata(v.metadata().stream().map(x -> toThrift(x)).collect(Collectors.toCollection(ArrayList::new)));
        }
        if (v.contact() != null) {
            t.setContact(v.contact());
        }
        if (v.announce() != null) {
            t.setAnnounce(toThrift(v.announce()));
        }
        if (v.partitionPolicy() != null) {
            t.setPartitionPolicy(toThrift(v.partitionPolicy()));
        }
        if (v.slaPolicy() != null) {
            t.setSlaPolicy(toThrift(v.slaPolicy()));
        }
        return t;
    }

    public static TaskConfig fromThrift(io.borealis.api.thrift.TaskConfig t) {
        if (t == null) {
            return null;
        }
        return new TaskConfig(
                fromThrift(t.getJob()),
                t.isIsService(),
                t.getPriority(),
                t.isProduction(),
                t.isSetTier() ? t.getTier() : null,
                t.getMaxTaskFailures(),
                fromThrift(t.getResources()),
                nullToEmpty(t.getConstraints()).stream().map(x -> fromThrift(x)).toList(),
                nullToEmpty(t.getRequestedPorts()),
                fromThrift(t.getTask()),
                t.isSetContainer() ? fromThrift(t.getContainer()) : null,
                nullToEmpty(t.getMetadata()).stream().map(x -> fromThrift(x)).toList(),
                t.isSetContact() ? t.getContact() : null,
                t.isSetAnnounce() ? fromThrift(t.getAnnounce()) : null,
                t.isSetPartitionPolicy() ? fromThrift(t.getPartitionPolicy()) : null,
                t.isSetSlaPolicy() ? fromThrift(t.getSlaPolicy()) : null);
    }

    public static io.borealis.api.thrift.JobUpdateStatus toThrift(JobUpdateStatus v) {
        return io.borealis.api.thrift.JobUpdateStatus.valueOf(v.name());
    }

    public static JobUpdateStatus fromThrift(io.borealis.api.thrift.JobUpdateStatus t) {
        return JobUpdateStatus.valueOf(t.name());
    }

    public static io.borealis.api.thrift.UpdateSettings toThrift(UpdateSettings v) {
        if (v == null) {
            return null;
        }
        io.borealis.api.thrift.UpdateSettings t = new io.borealis.api.thrift.UpdateSettings();
        t.setBatchSize(v.batchSize());
        t.setWatchSecs(v.watchSecs());
        t.setMaxPerInstanceFailures(v.maxPerInstanceFailures());
        t.setMaxTotalFailures(v.maxTotalFailures());
        t.setRollbackOnFailure(v.rollbackOnFailure());
        t.setWaitForBatchCompletion(v.waitForBatchCompletion());
        if (v.pulseIntervalSecs() != null) {
            t.setPulseIntervalSecs(v.pulseIntervalSecs());
        }
        t.setSlaAware(v.slaAware());
        if (v.strategy() != null) {
            t.setStrategy(io.borealis.api.thrift.UpdateStrategyKind.valueOf(v.strategy().name()));
        }
        if (v.batchSizes() != null) {
            t.setBatchSizes(new ArrayList<>(v.batchSizes()));
        }
        t.setAutopauseAfterBatch(v.autopauseAfterBatch());
        return t;
    }

    public static UpdateSettings fromThrift(io.borealis.api.thrift.UpdateSettings t) {
        if (t == null) {
            return null;
        }
        return new UpdateSettings(
                t.getBatchSize(),
                t.getWatchSecs(),
                t.getMaxPerInstanceFailures(),
                t.getMaxTotalFailures(),
                t.isRollbackOnFailure(),
                t.isWaitForBatchCompletion(),
                t.isSetPulseIntervalSecs() ? t.getPulseIntervalSecs() : null,
                t.isSlaAware(),
                UpdateStrategyKind.valueOf(t.getStrategy().name()),
                nullToEmpty(t.getBatchSizes()),
                t.isAutopauseAfterBatch());
    }

    public static io.borealis.api.thrift.RestartSettings toThrift(RestartSettings v) {
        if (v == null) {
            return null;
        }
        io.borealis.api.thrift.RestartSettings t = new io.borealis.api.thrift.RestartSettings();
        if (v.batchSize() != null) {
            t.setBatchSize(v.batchSize());
        }
        if (v.watchSecs() != null) {
            t.setWatchSecs(v.watchSecs());
        }
        if (v.maxPerInstanceFailures() != null) {
            t.setMaxPerInstanceFailures(v.maxPerInstanceFailures());
        }
        if (v.maxTotalFailures() != null) {
            t.setMaxTotalFailures(v.maxTotalFailures());
        }
        if (v.rollbackOnFailure() != null) {
            t.setRollbackOnFailure(v.rollbackOnFailure());
        }
        return t;
    }

    public static RestartSettings fromThrift(io.borealis.api.thrift.RestartSettings t) {
        if (t == null) {
            return new RestartSettings(null, null, null, null, null);
        }
        return new RestartSettings(
                t.isSetBatchSize() ? t.getBatchSize() : null,
                t.isSetWatchSecs() ? t.getWatchSecs() : null,
                t.isSetMaxPerInstanceFailures() ? t.getMaxPerInstanceFailures() : null,
                t.isSetMaxTotalFailures() ? t.getMaxTotalFailures() : null,
                t.isSetRollbackOnFailure() ? t.isRollbackOnFailure() : null);
    }

    public static io.borealis.api.thrift.JobConfiguration toThrift(JobConfiguration v) {
        if (v == null) {
            return null;
        }
        io.borealis.api.thrift.JobConfiguration t = new io.borealis.api.thrift.JobConfiguration();
        if (v.key() != null) {
            t.setKey(toThrift(v.key()));
        }
        if (v.owner() != null) {
            t.setOwner(v.owner());
        }
        t.setInstanceCount(v.instanceCount());
        if (v.taskConfig() != null) {
            t.setTaskConfig(toThrift(v.taskConfig()));
        }
        if (v.cronSchedule() != null) {
            t.setCronSchedule(v.cronSchedule());
        }
        if (v.cronCollisionPolicy() != null) {
            t.setCronCollisionPolicy(io.borealis.api.thrift.CronCollisionPolicy.valueOf(v.cronCollisionPolicy().name()));
        }
        if (v.updateSettings() != null) {
            t.setUpdateSettings(toThrift(v.updateSettings()));
        }
        if (v.cluster() != null) {
            t.setCluster(v.cluster());
        }
        if (v.cronTimezone() != null) {
            t.setCronTimezone(v.cronTimezone());
        }
        return t;
    }

    public static JobConfiguration fromThrift(io.borealis.api.thrift.JobConfiguration t) {
        if (t == null) {
            return null;
        }
        return new JobConfiguration(
                fromThrift(t.getKey()),
                t.getOwner(),
                t.getInstanceCount(),
                fromThrift(t.getTaskConfig()),
                t.isSetCronSchedule() ? t.getCronSchedule() : null,
                CronCollisionPolicy.valueOf(t.getCronCollisionPolicy().name()),
                t.isSetUpdateSettings() ? fromThrift(t.getUpdateSettings()) : null,
                t.isSetCluster() ? t.getCluster() : null,
                t.isSetCronTimezone() ? t.getCronTimezone() : null);
    }

    public static io.borealis.api.thrift.CronRun toThrift(CronRun v) {
        return new io.borealis.api.thrift.CronRun(v.triggerTimeMs(), v.runTimeMs(),
                io.borealis.api.thrift.CronTrigger.valueOf(v.trigger().name()),
                io.borealis.api.thrift.CronRunOutcome.valueOf(v.outcome().name()), v.message());
    }

    public static CronRun fromThrift(io.borealis.api.thrift.CronRun t) {
        return new CronRun(t.getTriggerTimeMs(), t.getRunTimeMs(),
                CronTrigger.valueOf(t.getTrigger().name()),
                CronRunOutcome.valueOf(t.getOutcome().name()),
                t.getMessage() == null ? "" : t.getMessage());
    }

    public static io.borealis.api.thrift.CronJob toThrift(CronJob v) {
        io.borealis.api.thrift.CronJob t = new io.borealis.api.thrift.CronJob()
                .setJob(toThrift(v.job()))
                .setTimezone(v.timezone())
                .setNextRunsMs(new ArrayList<>(v.nextRunsMs()))
                .setLastRuns(v.lastRuns().stream().map(ThriftCodec::toThrift).toList());
        if (v.lastTriggerMs() != null) {
            t.setLastTriggerMs(v.lastTriggerMs());
        }
        return t;
    }

    public static CronJob fromThrift(io.borealis.api.thrift.CronJob t) {
        return new CronJob(fromThrift(t.getJob()), t.getTimezone(),
                t.getNextRunsMs() == null ? List.of() : t.getNextRunsMs(),
                t.getLastRuns() == null ? List.of()
                        : t.getLastRuns().stream().map(ThriftCodec::fromThrift).toList(),
                t.isSetLastTriggerMs() ? t.getLastTriggerMs() : null);
    }

    public static io.borealis.api.thrift.TaskEvent toThrift(TaskEvent v) {
        if (v == null) {
            return null;
        }
        io.borealis.api.thrift.TaskEvent t = new io.borealis.api.thrift.TaskEvent();
        t.setTimestamp(v.timestamp());
        if (v.status() != null) {
            t.setStatus(toThrift(v.status()));
        }
        if (v.message() != null) {
            t.setMessage(v.message());
        }
        if (v.scheduler() != null) {
            t.setScheduler(v.scheduler());
        }
        return t;
    }

    public static TaskEvent fromThrift(io.borealis.api.thrift.TaskEvent t) {
        if (t == null) {
            return null;
        }
        return new TaskEvent(
                t.getTimestamp(),
                TaskStatus.valueOf(t.getStatus().name()),
                t.isSetMessage() ? t.getMessage() : null,
                t.isSetScheduler() ? t.getScheduler() : null);
    }

    public static io.borealis.api.thrift.AssignedTask toThrift(AssignedTask v) {
        return toThrift(v, ThriftCodec::toThrift);
    }

    /** As {@link #toThrift(AssignedTask)}, converting the configuration through {@code configs}. */
    public static io.borealis.api.thrift.AssignedTask toThrift(AssignedTask v,
            java.util.function.Function<TaskConfig, io.borealis.api.thrift.TaskConfig> configs) {
        if (v == null) {
            return null;
        }
        io.borealis.api.thrift.AssignedTask t = new io.borealis.api.thrift.AssignedTask();
        if (v.taskId() != null) {
            t.setTaskId(v.taskId());
        }
        if (v.agentId() != null) {
            t.setAgentId(v.agentId());
        }
        if (v.agentHost() != null) {
            t.setAgentHost(v.agentHost());
        }
        if (v.task() != null) {
            t.setTask(configs.apply(v.task()));
        }
        if (v.assignedPorts() != null) {
            t.setAssignedPorts(new LinkedHashMap<>(v.assignedPorts()));
        }
        t.setInstanceId(v.instanceId());
        return t;
    }

    public static AssignedTask fromThrift(io.borealis.api.thrift.AssignedTask t) {
        if (t == null) {
            return null;
        }
        return new AssignedTask(
                t.getTaskId(),
                t.isSetAgentId() ? t.getAgentId() : null,
                t.isSetAgentHost() ? t.getAgentHost() : null,
                fromThrift(t.getTask()),
                nullToEmpty(t.getAssignedPorts()),
                t.getInstanceId());
    }

    public static io.borealis.api.thrift.ScheduledTask toThrift(ScheduledTask v) {
        return toThrift(v, ThriftCodec::toThrift);
    }

    /**
     * As {@link #toThrift(ScheduledTask)}, converting the configuration through {@code configs}:
     * a caller converting many tasks of one job passes a cache, so that the tasks share one
     * converted configuration (Thrift objects may be shared by several parents when written).
     */
    public static io.borealis.api.thrift.ScheduledTask toThrift(ScheduledTask v,
            java.util.function.Function<TaskConfig, io.borealis.api.thrift.TaskConfig> configs) {
        if (v == null) {
            return null;
        }
        io.borealis.api.thrift.ScheduledTask t = new io.borealis.api.thrift.ScheduledTask();
        if (v.assignedTask() != null) {
            t.setAssignedTask(toThrift(v.assignedTask(), configs));
        }
        if (v.status() != null) {
            t.setStatus(toThrift(v.status()));
        }
        t.setFailureCount(v.failureCount());
        if (v.taskEvents() != null) {
            // A loop, not a stream: a job's status converts tens of thousands of short lists.
            List<io.borealis.api.thrift.TaskEvent> events = new ArrayList<>(v.taskEvents().size());
            for (TaskEvent event : v.taskEvents()) {
                events.add(toThrift(event));
            }
            t.setTaskEvents(events);
        }
        if (v.ancestorId() != null) {
            t.setAncestorId(v.ancestorId());
        }
        if (v.observerUrl() != null) {
            t.setObserverUrl(v.observerUrl());
        }
        if (v.usage() != null) {
            t.setUsage(toThrift(v.usage()));
        }
        if (v.pendingReason() != null) {
            t.setPendingReason(v.pendingReason());
        }
        return t;
    }

    public static ScheduledTask fromThrift(io.borealis.api.thrift.ScheduledTask t) {
        if (t == null) {
            return null;
        }
        return new ScheduledTask(
                fromThrift(t.getAssignedTask()),
                TaskStatus.valueOf(t.getStatus().name()),
                t.getFailureCount(),
                nullToEmpty(t.getTaskEvents()).stream().map(x -> fromThrift(x)).toList(),
                t.isSetAncestorId() ? t.getAncestorId() : null,
                t.isSetObserverUrl() ? t.getObserverUrl() : null,
                t.isSetUsage() ? fromThrift(t.getUsage()) : null,
                t.isSetPendingReason() ? t.getPendingReason() : null);
    }

    public static io.borealis.api.thrift.TaskUsage toThrift(TaskUsage v) {
        if (v == null) {
            return null;
        }
        io.borealis.api.thrift.TaskUsage t = new io.borealis.api.thrift.TaskUsage();
        t.setTimestamp(v.timestamp());
        t.setCpu(v.cpu());
        t.setRamBytes(v.ramBytes());
        t.setDiskBytes(v.diskBytes());
        t.setProcesses(v.processes());
        return t;
    }

    public static TaskUsage fromThrift(io.borealis.api.thrift.TaskUsage t) {
        if (t == null) {
            return null;
        }
        return new TaskUsage(
                t.getTimestamp(),
                t.getCpu(),
                t.getRamBytes(),
                t.getDiskBytes(),
                t.getProcesses());
    }

    public static io.borealis.api.thrift.TaskQuery toThrift(TaskQuery v) {
        if (v == null) {
            return null;
        }
        io.borealis.api.thrift.TaskQuery t = new io.borealis.api.thrift.TaskQuery();
        if (v.role() != null) {
            t.setRole(v.role());
        }
        if (v.environment() != null) {
            t.setEnvironment(v.environment());
        }
        if (v.jobName() != null) {
            t.setJobName(v.jobName());
        }
        if (v.taskIds() != null) {
            t.setTaskIds(new LinkedHashSet<>(v.taskIds()));
        }
        if (v.statuses() != null) {
            t.setStatuses(v.statuses().stream().map(ThriftCodec::toThrift).collect(Collectors.toCollection(LinkedHashSet::new)));
        }
        if (v.instanceIds() != null) {
            t.setInstanceIds(new LinkedHashSet<>(v.instanceIds()));
        }
        if (v.agentHosts() != null) {
            t.setAgentHosts(new LinkedHashSet<>(v.agentHosts()));
        }
        if (v.jobKeys() != null) {
            t.setJobKeys(v.jobKeys().stream().map(x -> toThrift(x)).collect(Collectors.toCollection(LinkedHashSet::new)));
        }
        if (v.offset() != null) {
            t.setOffset(v.offset());
        }
        if (v.limit() != null) {
            t.setLimit(v.limit());
        }
        return t;
    }

    public static TaskQuery fromThrift(io.borealis.api.thrift.TaskQuery t) {
        if (t == null) {
            return null;
        }
        return new TaskQuery(
                t.isSetRole() ? t.getRole() : null,
                t.isSetEnvironment() ? t.getEnvironment() : null,
                t.isSetJobName() ? t.getJobName() : null,
                t.isSetTaskIds() ? nullToEmpty(t.getTaskIds()) : null,
                t.isSetStatuses() ? nullToEmpty(t.getStatuses()).stream().map(x -> TaskStatus.valueOf(x.name())).collect(Collectors.toCollection(LinkedHashSet::new)) : null,
                t.isSetInstanceIds() ? nullToEmpty(t.getInstanceIds()) : null,
                t.isSetAgentHosts() ? nullToEmpty(t.getAgentHosts()) : null,
                t.isSetJobKeys() ? nullToEmpty(t.getJobKeys()).stream().map(x -> fromThrift(x)).collect(Collectors.toCollection(LinkedHashSet::new)) : null,
                t.isSetOffset() ? t.getOffset() : null,
                t.isSetLimit() ? t.getLimit() : null);
    }

    public static io.borealis.api.thrift.PortRange toThrift(PortRange v) {
        if (v == null) {
            return null;
        }
        io.borealis.api.thrift.PortRange t = new io.borealis.api.thrift.PortRange();
        t.setFirst(v.first());
        t.setLast(v.last());
        return t;
    }

    public static PortRange fromThrift(io.borealis.api.thrift.PortRange t) {
        if (t == null) {
            return null;
        }
        return new PortRange(
                t.getFirst(),
                t.getLast());
    }

    public static io.borealis.api.thrift.Attribute toThrift(Attribute v) {
        if (v == null) {
            return null;
        }
        io.borealis.api.thrift.Attribute t = new io.borealis.api.thrift.Attribute();
        if (v.name() != null) {
            t.setName(v.name());
        }
        if (v.values() != null) {
            t.setValues(new LinkedHashSet<>(v.values()));
        }
        return t;
    }

    public static Attribute fromThrift(io.borealis.api.thrift.Attribute t) {
        if (t == null) {
            return null;
        }
        return new Attribute(
                t.getName(),
                nullToEmpty(t.getValues()));
    }

    public static io.borealis.api.thrift.AgentInfo toThrift(AgentInfo v) {
        if (v == null) {
            return null;
        }
        io.borealis.api.thrift.AgentInfo t = new io.borealis.api.thrift.AgentInfo();
        if (v.agentId() != null) {
            t.setAgentId(v.agentId());
        }
        if (v.host() != null) {
            t.setHost(v.host());
        }
        if (v.endpoint() != null) {
            t.setEndpoint(v.endpoint());
        }
        if (v.resources() != null) {
            t.setResources(toThrift(v.resources()));
        }
        if (v.portRanges() != null) {
            t.setPortRanges(v.portRanges().stream().map(x -> toThrift(x)).collect(Collectors.toCollection(ArrayList::new)));
        }
        if (v.attributes() != null) {
            t.setAttributes(v.attributes().stream().map(x -> toThrift(x)).collect(Collectors.toCollection(ArrayList::new)));
        }
        if (v.observerUrl() != null) {
            t.setObserverUrl(v.observerUrl());
        }
        return t;
    }

    public static AgentInfo fromThrift(io.borealis.api.thrift.AgentInfo t) {
        if (t == null) {
            return null;
        }
        return new AgentInfo(
                t.getAgentId(),
                t.getHost(),
                t.getEndpoint(),
                fromThrift(t.getResources()),
                nullToEmpty(t.getPortRanges()).stream().map(x -> fromThrift(x)).toList(),
                nullToEmpty(t.getAttributes()).stream().map(x -> fromThrift(x)).toList(),
                t.isSetObserverUrl() ? t.getObserverUrl() : null);
    }

    public static io.borealis.api.thrift.AgentTaskState toThrift(AgentTaskState v) {
        if (v == null) {
            return null;
        }
        io.borealis.api.thrift.AgentTaskState t = new io.borealis.api.thrift.AgentTaskState();
        if (v.taskId() != null) {
            t.setTaskId(v.taskId());
        }
        if (v.status() != null) {
            t.setStatus(toThrift(v.status()));
        }
        if (v.usage() != null) {
            t.setUsage(toThrift(v.usage()));
        }
        return t;
    }

    public static AgentTaskState fromThrift(io.borealis.api.thrift.AgentTaskState t) {
        if (t == null) {
            return null;
        }
        return new AgentTaskState(
                t.getTaskId(),
                TaskStatus.valueOf(t.getStatus().name()),
                t.isSetUsage() ? fromThrift(t.getUsage()) : null);
    }

    public static io.borealis.api.thrift.TaskStatusUpdate toThrift(TaskStatusUpdate v) {
        if (v == null) {
            return null;
        }
        io.borealis.api.thrift.TaskStatusUpdate t = new io.borealis.api.thrift.TaskStatusUpdate();
        if (v.taskId() != null) {
            t.setTaskId(v.taskId());
        }
        if (v.status() != null) {
            t.setStatus(toThrift(v.status()));
        }
        t.setTimestamp(v.timestamp());
        if (v.message() != null) {
            t.setMessage(v.message());
        }
        t.setSeq(v.seq());
        return t;
    }

    public static TaskStatusUpdate fromThrift(io.borealis.api.thrift.TaskStatusUpdate t) {
        if (t == null) {
            return null;
        }
        return new TaskStatusUpdate(
                t.getTaskId(),
                TaskStatus.valueOf(t.getStatus().name()),
                t.getTimestamp(),
                t.isSetMessage() ? t.getMessage() : null,
                t.getSeq());
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static <T> Set<T> nullToEmpty(Set<T> set) {
        return set == null ? Set.of() : set;
    }

    private static <K, V> Map<K, V> nullToEmpty(Map<K, V> map) {
        return map == null ? Map.of() : map;
    }
}
