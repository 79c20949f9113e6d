package io.borealis.cli.command;

import io.borealis.cli.render.JsonOutput;
import io.borealis.cli.transport.JobUpdateView;
import io.borealis.cli.transport.SchedulerException;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code update info JOBKEY [ID]}: one update (the job's newest by default) in detail. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show one update of a job (its newest by default): status, instances, "
                + "events.")
final class UpdateInfo extends SessionCommand {
    @Parameters(index = "0", paramLabel = "JOBKEY", converter = ClusterJobKey.Converter.class,
            description = "CLUSTER/ROLE/ENV/NAME")
    ClusterJobKey key;

    @Parameters(index = "1", paramLabel = "UPDATE_ID", arity = "0..1", defaultValue = "",
            description = "the update's id (default: the job's newest update)")
    String id;

    @Option(names = "--write-json", description = "print JSON: {job, id, status, "
            + "statusMessage, user, message, started, lastModified, instances, events}")
    boolean json;

    UpdateInfo(CliContext context) {
        super(context);
    }

    @Override
    protected ExitCode run() throws CliException {
        JobUpdateView update;
        try {
            update = session().scheduler(key.cluster()).jobUpdate(key.job(), id);
        } catch (SchedulerException e) {
            throw CliException.from(e);
        }
        if (json) {
            JsonOutput.write(context.out(), update);
            return ExitCode.OK;
        }
        var out = context.out();
        out.println("Update " + update.id() + " of " + key);
        out.println("  status:  " + update.status() + " (" + update.statusMessage() + ")");
        out.println("  started: " + Instant.ofEpochMilli(update.started()) + " by "
                + update.user() + (update.message().isEmpty() ? "" : ": " + update.message()));
        out.println("  instances:");
        for (JobUpdateView.Instance i : update.instances()) {
            out.printf("    %4d %-10s failures %d%s%s%n", i.instance(), i.state(), i.failures(),
                    i.batch() == 0 ? "" : "  batch " + i.batch(),
                    i.taskId() == null ? "" : "  task " + i.taskId());
        }
        out.println("  events:");
        for (JobUpdateView.Event e : update.events()) {
            out.printf("    %s %s%s: %s%n", Instant.ofEpochMilli(e.timestamp()), e.status(),
                    e.instance() == null ? "" : " instance " + e.instance(), e.message());
        }
        out.flush();
        return ExitCode.OK;
    }
}
