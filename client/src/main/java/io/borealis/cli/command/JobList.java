package io.borealis.cli.command;

import io.borealis.cli.render.JsonOutput;
import io.borealis.cli.transport.SchedulerException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code job list CLUSTER/ROLE[/ENV]}: the role's job keys, one a line, sorted. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the jobs of a role (optionally of one environment).")
final class JobList extends SessionCommand {
    @Parameters(index = "0", paramLabel = "CLUSTER/ROLE[/ENV]", converter = RoleKey.Converter.class)
    RoleKey roleKey;

    @Option(names = "--write-json", description = "print a JSON list of job keys")
    boolean json;

    JobList(CliContext context) {
        super(context);
    }

    @Override
    protected ExitCode run() throws CliException {
        List<String> keys;
        try {
            keys = session().scheduler(roleKey.cluster()).jobs(roleKey.role()).stream()
                    .filter(job -> job.key().role().equals(roleKey.role()))
                    .filter(job -> roleKey.environment() == null
                            || job.key().environment().equals(roleKey.environment()))
                    .map(job -> roleKey.cluster() + "/" + job.key())
                    .sorted().distinct().toList();
        } catch (SchedulerException e) {
            throw CliException.from(e);
        }
        if (json) {
            JsonOutput.write(context.out(), keys);
        } else {
            keys.forEach(context.out()::println);
            context.out().flush();
        }
        return ExitCode.OK;
    }
}
