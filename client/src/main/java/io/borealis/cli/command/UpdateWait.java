package io.borealis.cli.command;

import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code update wait JOBKEY ID}: block until the update ends. */
@Command(name = "wait", mixinStandardHelpOptions = true,
        description = "Wait until an update ends. Exit 0 only when it ROLLED_FORWARD; 4 when it "
                + "ended otherwise (ROLLED_BACK, ABORTED, FAILED, ERROR); 9 on timeout.")
final class UpdateWait extends SessionCommand {
    @Parameters(index = "0", paramLabel = "JOBKEY", converter = ClusterJobKey.Converter.class,
            description = "CLUSTER/ROLE/ENV/NAME")
    ClusterJobKey key;

    @Parameters(index = "1", paramLabel = "UPDATE_ID", description = "the update's id")
    String id;

    @Option(names = "--wait-timeout", paramLabel = "DURATION", defaultValue = "60m",
            converter = DurationConverter.class,
            description = "give up after this long, exit 9 (default: ${DEFAULT-VALUE})")
    Duration waitTimeout;

    UpdateWait(CliContext context) {
        super(context);
    }

    @Override
    protected ExitCode run() throws CliException {
        return new UpdateWaiter(session().scheduler(key.cluster()), context)
                .await(key.job(), id, waitTimeout);
    }
}
