package io.borealis.cli.command;

import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code job killall JOBKEY}: kill every instance of the job and wait for them to end. */
@Command(name = "killall", mixinStandardHelpOptions = true,
        description = "Kill every instance of a job and wait until they have ended.")
final class JobKillAll extends SessionCommand {
    @Parameters(index = "0", paramLabel = "JOBKEY", converter = ClusterJobKey.Converter.class,
            description = "CLUSTER/ROLE/ENV/NAME")
    ClusterJobKey key;

    @Mixin
    KillOptions options;

    JobKillAll(CliContext context) {
        super(context);
    }

    @Override
    protected ExitCode run() throws CliException {
        new Killer(session().scheduler(key.cluster()), context, options)
                .kill(key, new TreeSet<>());
        return ExitCode.OK;
    }
}
