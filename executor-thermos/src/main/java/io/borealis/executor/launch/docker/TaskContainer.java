package io.borealis.executor.launch.docker;

import static java.util.Objects.requireNonNull;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.core.NameParser;
import io.borealis.api.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one container of a task: created and started before the first process runs, removed when
 * the task ends. Its main process is a shell that does nothing until it is stopped (the
 * keeper), so the container lives exactly as long as the executor wants it to; the task's
 * processes run in it through {@code exec} ({@link DockerLauncher}).
 *
 * <p>The container uses the host's network (so {@code {{thermos.ports[x]}}} is reachable as
 * it is), mounts the sandbox read-write at its own path, and is limited to the task's cpu and
 * ram. Threading: {@link #start} and {@link #remove} are called by the executor's main thread;
 * {@link #id} and {@link #keeperPid} may be read from any thread once {@code start} returned.
 */
public final class TaskContainer {
    private static final Logger log = LoggerFactory.getLogger(TaskContainer.class);
    /**
     * The keeper: one long {@code sleep} (needs only {@code sh} and {@code sleep} in the image).
     * It forks nothing, so that a sweep of the task's tagged processes finds no newcomers; as the
     * container's init it ignores SIGTERM, and goes with the container or a SIGKILL.
     */
    static final String KEEPER = "exec sleep 2147483647";

    private final DockerClient client;
    private final DockerSettings settings;
    private final ContainerSpec spec;
    private volatile String id;
    private volatile long keeperPid;

    public TaskContainer(DockerClient client, DockerSettings settings, ContainerSpec spec) {
        this.client = requireNonNull(client, "client is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.spec = requireNonNull(spec, "spec is null");
    }

    public ContainerSpec spec() {
        return spec;
    }

    /** The container's id; null before {@link #start}. */
    public String id() {
        return id;
    }

    /** The host pid of the keeper, the container's main process; 0 if unknown. */
    public long keeperPid() {
        return keeperPid;
    }

    /**
     * Creates and starts the container, first removing one of the same name that an earlier
     * executor of this task left behind. Pulls the image if the engine does not hold it and the
     * settings allow. Idempotent once it has succeeded.
     *
     * @throws ContainerException with the engine's reason if the container cannot run
     */
    public void start() throws ContainerException {
        if (id != null) {
            return;
        }
        removeLeftover();
        String created;
        try {
            created = createPullingIfMissing();
        } catch (DockerException e) {
            throw new ContainerException(DockerEngine.reason(e), e);
        }
        try {
            client.startContainerCmd(created).exec();
            InspectContainerResponse inspected = client.inspectContainerCmd(created).exec();
            Long pid = inspected.getState().getPidLong();
            keeperPid = pid == null ? 0 : pid;
        } catch (DockerException e) {
            id = created;
            remove();
            throw new ContainerException(DockerEngine.reason(e), e);
        }
        id = created;
        log.info("container {} ({}) started from image {}", spec.name(), created, spec.image());
    }

    private String createPullingIfMissing() throws ContainerException {
        try {
            return create();
        } catch (NotFoundException missing) {
            pull(DockerEngine.reason(missing));
            return create();
        }
    }

    private String create() {
        HostConfig host = HostConfig.newHostConfig()
                .withNetworkMode("host")
                .withBinds(binds())
                .withAutoRemove(false);
        if (spec.memoryBytes() > 0) {
            host.withMemory(spec.memoryBytes());
        }
        if (spec.nanoCpus() > 0) {
            host.withNanoCPUs(spec.nanoCpus());
        }
        var command = client.createContainerCmd(spec.image())
                .withName(spec.name())
                .withLabels(spec.labels())
                .withEnv(spec.environment().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).toList())
                .withEntrypoint("/bin/sh", "-c", KEEPER)
                .withCmd(List.of())
                .withWorkingDir(spec.sandbox().toString())
                .withHostConfig(host);
        if (spec.user() != null) {
            command.withUser(spec.user());
        }
        return command.exec().getId();
    }

    private List<Bind> binds() {
        List<Bind> binds = new ArrayList<>();
        String sandbox = spec.sandbox().toString();
        binds.add(new Bind(sandbox, new com.github.dockerjava.api.model.Volume(sandbox),
                AccessMode.rw));
        for (Volume volume : spec.volumes()) {
            AccessMode mode = switch (volume.mode()) {
                case RO -> AccessMode.ro;
                case RW -> AccessMode.rw;
            };
            binds.add(new Bind(volume.hostPath(),
                    new com.github.dockerjava.api.model.Volume(volume.containerPath()), mode));
        }
        return binds;
    }

    private void pull(String notFound) throws ContainerException {
        switch (settings.pull()) {
            case NEVER -> throw new ContainerException(notFound);
            case MISSING -> {
                NameParser.ReposTag name = NameParser.parseRepositoryTag(spec.image());
                log.info("image {} is not on this host; pulling it", spec.image());
                PullErrors errors = new PullErrors();
                try {
                    boolean done = client.pullImageCmd(name.repos)
                            .withTag(name.tag.isEmpty() ? "latest" : name.tag)
                            .exec(errors)
                            .awaitCompletion(settings.pullTimeout().toMillis(),
                                    TimeUnit.MILLISECONDS);
                    if (!done) {
                        throw new ContainerException(notFound + "; pulling it took longer than "
                                + settings.pullTimeout().toSeconds() + " s");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ContainerException(notFound + "; interrupted while pulling it", e);
                } catch (RuntimeException e) {
                    throw new ContainerException(notFound + "; pulling it failed: "
                            + DockerEngine.reason(e), e);
                }
                if (errors.error != null) {
                    throw new ContainerException(notFound + "; pulling it failed: "
                            + errors.error);
                }
            }
        }
    }

    /**
     * Keeps the first error of a pull's progress stream. (docker-java's own
     * {@code PullImageResultCallback} fails on Podman's progress items, which carry no status.)
     */
    private static final class PullErrors extends ResultCallback.Adapter<PullResponseItem> {
        private volatile String error;

        @Override
        public void onNext(PullResponseItem item) {
            if (error == null && item.isErrorIndicated()) {
                error = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                        ? item.getErrorDetail().getMessage() : item.getError();
            }
        }
    }

    /** Removes a container of this task's name that an earlier executor left, if any. */
    public void removeLeftover() {
        try {
            client.removeContainerCmd(spec.name()).withForce(true).exec();
            log.warn("removed container {} left by an earlier executor of the task", spec.name());
        } catch (NotFoundException e) {
            // the usual case: nothing was left
        } catch (DockerException e) {
            log.warn("cannot remove leftover container {}: {}", spec.name(),
                    DockerEngine.reason(e));
        }
    }

    /**
     * Removes the container, killing whatever still runs in it. Idempotent; never throws: a
     * container that cannot be removed is logged, since the task's outcome is already recorded.
     */
    public void remove() {
        String current = id;
        if (current == null) {
            return;
        }
        try {
            client.removeContainerCmd(current).withForce(true).exec();
            log.info("container {} removed", spec.name());
        } catch (NotFoundException e) {
            // already gone
        } catch (DockerException e) {
            log.warn("cannot remove container {}: {}", spec.name(), DockerEngine.reason(e));
        }
        id = null;
    }
}
