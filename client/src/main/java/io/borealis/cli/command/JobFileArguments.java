package io.borealis.cli.command;

import io.borealis.api.model.JobConfiguration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code JOBKEY FILE [--bind NAME=VALUE]...}: the arguments of every command that reads one job
 * from a job file ({@code job create|inspect|diff}, {@code update start}, {@code cron schedule}).
 */
final class JobFileArguments {
    @Parameters(index = "0", paramLabel = "JOBKEY", converter = ClusterJobKey.Converter.class,
            description = "CLUSTER/ROLE/ENV/NAME of the job in the file")
    ClusterJobKey key;

    @Parameters(index = "1", paramLabel = "FILE", description = "the job file")
    Path file;

    @Option(names = "--bind", paramLabel = "NAME=VALUE",
            description = "bind a template variable, e.g. profile.version=42 (repeatable)")
    List<String> bindings = new ArrayList<>();

    /** Evaluates the file with the bindings and picks the job JOBKEY names. */
    JobConfiguration job(Session session) throws CliException {
        return session.select(session.evaluate(file, bindings), key, file);
    }

    /** As {@link #job}, refusing a cron job: those are run by {@code cron schedule}. */
    JobConfiguration runOnceJob(Session session) throws CliException {
        JobConfiguration job = job(session);
        if (job.cronSchedule() != null) {
            throw new CliException(ExitCode.INVALID_CONFIGURATION, key + " is a cron job "
                    + "(cron_schedule '" + job.cronSchedule() + "'); use 'borealis cron schedule'");
        }
        return job;
    }
}
