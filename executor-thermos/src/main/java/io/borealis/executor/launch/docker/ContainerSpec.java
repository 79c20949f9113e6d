package io.borealis.executor.launch.docker;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.AssignedTask;
import io.borealis.api.model.DockerContainer;
import io.borealis.api.model.DockerParameter;
import io.borealis.api.model.Resources;
import io.borealis.api.model.Volume;
import io.borealis.executor.sandbox.Sandbox;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the container of one task looks like, derived from its {@link AssignedTask}.
 *
 * @param name the container's name, {@code borealis-TASK_ID}
 * @param image the image as the job names it
 * @param sandbox mounted read-write at the same path inside, and the working directory
 * @param memoryBytes the memory limit (the task's {@code ram}); 0 for none
 * @param nanoCpus the cpu limit in billionths of a cpu (the task's {@code cpu}); 0 for none
 * @param volumes extra bind mounts from the job's {@code Docker(volumes: ...)}
 * @param environment container-wide variables: the task tag plus {@code env} parameters
 * @param labels the task tag plus {@code label} parameters
 * @param user the {@code user} parameter, or null for the image's own user
 */
public record ContainerSpec(
        String name,
        String image,
        Path sandbox,
        long memoryBytes,
        long nanoCpus,
        List<Volume> volumes,
        Map<String, String> environment,
        Map<String, String> labels,
        String user) {
    /** The label every container of ours carries, with the task id as its value. */
    public static final String TASK_LABEL = "io.borealis.task-id";
    /** Docker parameters ({@code docker run --NAME VALUE}) that this launcher understands. */
    public static final List<String> SUPPORTED_PARAMETERS = List.of("env", "label", "user");

    public ContainerSpec {
        requireNonNull(name, "name is null");
        requireNonNull(image, "image is null");
        requireNonNull(sandbox, "sandbox is null");
        volumes = List.copyOf(volumes);
        environment = Map.copyOf(environment);
        labels = Map.copyOf(labels);
    }

    /**
     * The container of {@code task}, whose sandbox is {@code sandbox}.
     *
     * @throws ContainerException naming the parameter, if the job uses one that is not supported
     *     or malformed
     */
    public static ContainerSpec of(AssignedTask task, Path sandbox) throws ContainerException {
        DockerContainer docker = requireNonNull(task.task().container(), "task has no container");
        Map<String, String> environment = new LinkedHashMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        environment.put(Sandbox.TASK_ID_VARIABLE, task.taskId());
        labels.put(TASK_LABEL, task.taskId());
        String user = null;
        List<String> problems = new ArrayList<>();
        for (DockerParameter parameter : docker.parameters()) {
            String name = parameter.name().replaceFirst("^--?", "");
            switch (name) {
                case "env", "e" -> put(environment, parameter, problems);
                case "label", "l" -> put(labels, parameter, problems);
                case "user", "u" -> user = parameter.value();
                default -> problems.add("unsupported Docker parameter '" + parameter.name()
                        + "' (supported: " + String.join(", ", SUPPORTED_PARAMETERS) + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new ContainerException(String.join("; ", problems));
        }
        Resources resources = task.task().resources();
        return new ContainerSpec("borealis-" + task.taskId(), docker.image(), sandbox,
                Math.max(0, resources.ramMb()) * 1024 * 1024,
                Math.max(0, Math.round(resources.cpu() * 1_000_000_000d)), docker.volumes(),
                environment, labels, user);
    }

    private static void put(Map<String, String> into, DockerParameter parameter,
            List<String> problems) {
        int equals = parameter.value().indexOf('=');
        if (equals <= 0) {
            problems.add("Docker parameter '" + parameter.name() + "' needs NAME=VALUE, not '"
                    + parameter.value() + "'");
            return;
        }
        into.put(parameter.value().substring(0, equals), parameter.value().substring(equals + 1));
    }
}
