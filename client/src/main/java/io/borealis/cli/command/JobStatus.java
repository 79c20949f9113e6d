package io.borealis.cli.command;

import io.borealis.cli.render.JobStatusView;
import io.borealis.cli.render.JsonOutput;
import io.borealis.cli.render.StatusTable;
import io.borealis.cli.transport.SchedulerException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code job status JOBKEY}: every task of the job with its state, host, id and events. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the state, task id, host and events of each instance of a job.")
final class JobStatus extends SessionCommand {
    @Parameters(index = "0", paramLabel = "JOBKEY", converter = ClusterJobKey.Converter.class,
            description = "CLUSTER/ROLE/ENV/NAME")
    ClusterJobKey key;

    @Option(names = "--write-json", description = "print JSON: "
            + "[{\"job\", \"active\": [TASK...], \"inactive\": [TASK...]}]")
    boolean json;

    JobStatus(CliContext context) {
        super(context);
    }

    @Override
    protected ExitCode run() throws CliException {
        JobStatusView view;
        try {
            view = JobStatusView.of(key.toString(),
                    session().scheduler(key.cluster()).tasks(jobQuery(key.job())));
        } catch (SchedulerException e) {
            throw CliException.from(e);
        }
        if (json) {
            JsonOutput.write(context.out(), List.of(view));
        } else {
            StatusTable.print(context.out(), view);
        }
        return ExitCode.OK;
    }
}
