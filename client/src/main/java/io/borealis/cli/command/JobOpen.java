package io.borealis.cli.command;

import io.borealis.cli.transport.SchedulerException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code job open JOBKEY}: prints the job's page on the scheduler. With a {@code scheduler_uri}
 * cluster nothing is contacted; with a {@code zk} one, ZooKeeper is asked who leads (the page is
 * the leader's). Whether the job exists is not asked: its page says so.
 */
@Command(name = "open", mixinStandardHelpOptions = true,
        description = "Print the URL of the job's page on the scheduler.")
final class JobOpen extends SessionCommand {
    @Parameters(index = "0", paramLabel = "JOBKEY", converter = ClusterJobKey.Converter.class,
            description = "CLUSTER/ROLE/ENV/NAME")
    ClusterJobKey key;

    JobOpen(CliContext context) {
        super(context);
    }

    @Override
    protected ExitCode run() throws CliException {
        String page;
        try {
            page = session().scheduler(key.cluster()).jobPage(key.job());
        } catch (SchedulerException e) {
            throw CliException.from(e);
        }
        context.out().println(page);
        context.out().flush();
        return ExitCode.OK;
    }
}
