package io.borealis.cli.command;

import io.borealis.api.model.JobConfiguration;
import io.borealis.cli.render.ConfigDiff;
import io.borealis.cli.transport.SchedulerException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code job diff JOBKEY FILE}: how the job the file defines differs from the one the scheduler
 * stores (fetched with {@code ReadOnlyScheduler.getJobs(role)}); nothing is changed. Exit 0
 * whether or not they differ; a job the scheduler does not hold is compared with nothing.
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Show how a job file differs from the job the scheduler holds.")
final class JobDiff extends SessionCommand {
    @Mixin
    JobFileArguments args;

    JobDiff(CliContext context) {
        super(context);
    }

    @Override
    protected ExitCode run() throws CliException {
        Session session = session();
        JobConfiguration local = args.job(session);
        ClusterJobKey key = args.key;
        JobConfiguration stored;
        try {
            stored = session.scheduler(key.cluster()).jobs(key.job().role()).stream()
                    .filter(job -> job.key().equals(key.job()))
                    .findFirst().orElse(null);
        } catch (SchedulerException e) {
            throw CliException.from(e);
        }
        if (stored == null) {
            context.out().println("the scheduler holds no job " + key
                    + "; everything in the file is new");
        }
        ConfigDiff.print(context.out(), stored, local, "scheduler:" + key,
                args.file.toString());
        return ExitCode.OK;
    }
}
