package io.borealis.cli.admin.command;

import io.borealis.cli.command.CliContext;
import io.borealis.cli.command.CliException;
import io.borealis.cli.command.ExitCode;
import io.borealis.cli.transport.BackupClient;
import io.borealis.cli.transport.SchedulerException;
import picocli.CommandLine.Parameters;

/**
 * Base of the backup and recovery commands ({@code scheduler_*}): the cluster argument, a
 * {@link BackupClient} of its scheduler, and the scheduler's failures as exit statuses (a
 * refusal is 10 with the scheduler's message, unreachable 7).
 */
abstract class BackupCommand extends AdminSessionCommand {
    @Parameters(index = "0", paramLabel = "CLUSTER")
    String cluster;

    BackupCommand(CliContext context) {
        super(context);
    }

    /** One call of the scheduler's backup API. */
    @FunctionalInterface
    interface Call<T> {
        T run(BackupClient client) throws SchedulerException;
    }

    protected <T> T call(Call<T> call) throws CliException {
        try {
            return call.run(new BackupClient(admin(cluster).scheduler()));
        } catch (SchedulerException e) {
            throw CliException.from(e);
        }
    }

    protected static CliException invalid(String message) {
        return new CliException(ExitCode.INVALID_PARAMETER, message);
    }
}
