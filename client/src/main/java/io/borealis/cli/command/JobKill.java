package io.borealis.cli.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code job kill CLUSTER/ROLE/ENV/NAME/INSTANCES}: kill some instances, wait for them to end. */
@Command(name = "kill", mixinStandardHelpOptions = true,
        description = "Kill instances of a job and wait until they have ended.")
final class JobKill extends SessionCommand {
    @Parameters(index = "0", paramLabel = "INSTANCEKEY", converter = InstanceKey.Converter.class,
            description = "CLUSTER/ROLE/ENV/NAME/INSTANCES, e.g. devcluster/www-data/prod/hello/0,2-3")
    InstanceKey key;

    @Mixin
    KillOptions options;

    JobKill(CliContext context) {
        super(context);
    }

    @Override
    protected ExitCode run() throws CliException {
        new Killer(session().scheduler(key.job().cluster()), context, options)
                .kill(key.job(), key.instances());
        return ExitCode.OK;
    }
}
