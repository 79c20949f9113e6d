package io.borealis.cli.command;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.JobConfiguration;
import io.borealis.cli.config.Clusters;
import io.borealis.cli.config.ConfigException;
import io.borealis.cli.render.DiagnosticsPrinter;
import io.borealis.cli.transport.SchedulerClient;
import io.borealis.cli.transport.SchedulerClients;
import io.borealis.dsl.script.Evaluation;
import io.borealis.dsl.script.JobFileEvaluator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The steps commands share: reach a cluster's scheduler, evaluate a job file (printing its
 * problems), pick the job a key names. Each step fails with a {@link CliException} carrying the
 * exit status spec/cli.md gives it. One per command run.
 */
public final class Session {
    private final CliContext context;
    private final boolean verbose;

    public Session(CliContext context, boolean verbose) {
        this.context = requireNonNull(context, "context is null");
        this.verbose = verbose;
    }

    public CliContext context() {
        return context;
    }

    /** A client of the named cluster's scheduler. */
    public SchedulerClient scheduler(String cluster) throws CliException {
        try {
            return SchedulerClients.forCluster(Clusters.load(context.environment()).get(cluster),
                    context.environment(), context.rpcTimeout());
        } catch (ConfigException e) {
            throw CliException.from(e);
        }
    }

    /**
     * Evaluates {@code file}; when it has problems, prints them all and fails with status 3
     * without contacting anything.
     *
     * @param bindings {@code NAME=VALUE} strings from {@code --bind}
     */
    public Evaluation evaluate(Path file, List<String> bindings) throws CliException {
        if (!Files.isRegularFile(file)) {
            throw new CliException(ExitCode.INVALID_PARAMETER, "no such job file: " + file);
        }
        Evaluation evaluation;
        try {
            evaluation = new JobFileEvaluator().evaluate(file, parseBindings(bindings));
        } catch (IOException e) {
            throw new CliException(ExitCode.INVALID_PARAMETER, "cannot read " + file + ": "
                    + e.getMessage(), e);
        }
        if (evaluation.hasErrors()) {
            DiagnosticsPrinter.print(context.err(), evaluation, verbose);
            throw new CliException(ExitCode.INVALID_CONFIGURATION, "invalid configuration: "
                    + file);
        }
        return evaluation;
    }

    /** The job of the file whose cluster and key match; status 3 lists the keys it defines. */
    public JobConfiguration select(Evaluation evaluation, ClusterJobKey key, Path file)
            throws CliException {
        return evaluation.jobs().stream()
                .filter(job -> key.cluster().equals(job.cluster()) && key.job().equals(job.key()))
                .findFirst()
                .orElseThrow(() -> new CliException(ExitCode.INVALID_CONFIGURATION,
                        "no job in " + file + " matches " + key + "; it defines: "
                                + keys(evaluation)));
    }

    static String keys(Evaluation evaluation) {
        return evaluation.jobs().stream().map(job -> job.cluster() + "/" + job.key())
                .collect(Collectors.joining(", "));
    }

    static Map<String, String> parseBindings(List<String> bindings) throws CliException {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String binding : bindings) {
            int equals = binding.indexOf('=');
            if (equals <= 0) {
                throw new CliException(ExitCode.INVALID_PARAMETER, "--bind '" + binding
                        + "' is not of the form NAME=VALUE");
            }
            parsed.put(binding.substring(0, equals).trim(), binding.substring(equals + 1));
        }
        return parsed;
    }
}
