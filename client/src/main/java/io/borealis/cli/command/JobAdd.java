package io.borealis.cli.command;

import io.borealis.api.validation.JobConfigurationValidator;
import io.borealis.cli.transport.SchedulerException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code job add CLUSTER/ROLE/ENV/NAME/INSTANCE COUNT}: adds COUNT instances, numbered after the
 * job's highest, each a copy of the configuration of the given (active) instance (Aurora's
 * {@code addInstances}). Production work is checked against the role's quota by the scheduler.
 */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = "Add instances to a job, copies of one of its instances.")
final class JobAdd extends SessionCommand {
    @Parameters(index = "0", paramLabel = "INSTANCEKEY", converter = InstanceKey.Converter.class,
            description = "CLUSTER/ROLE/ENV/NAME/INSTANCE: the instance to copy, "
                    + "e.g. devcluster/www-data/prod/hello/0")
    InstanceKey key;

    @Parameters(index = "1", paramLabel = "COUNT",
            description = "how many instances to add, 1 to "
                    + JobConfigurationValidator.MAX_INSTANCES)
    int count;

    JobAdd(CliContext context) {
        super(context);
    }

    @Override
    protected ExitCode run() throws CliException {
        if (key.instances().size() != 1) {
            throw new CliException(ExitCode.INVALID_PARAMETER, "job add copies one instance; '"
                    + key + "' names " + key.instances().size());
        }
        if (count < 1 || count > JobConfigurationValidator.MAX_INSTANCES) {
            throw new CliException(ExitCode.INVALID_PARAMETER, "COUNT must be from 1 to "
                    + JobConfigurationValidator.MAX_INSTANCES + ", got " + count);
        }
        int instance = key.instances().first();
        try {
            session().scheduler(key.job().cluster())
                    .addInstances(key.job().job(), instance, count);
        } catch (SchedulerException e) {
            throw CliException.from(e);
        }
        context.out().println("Job add succeeded: " + count + " instance"
                + (count == 1 ? "" : "s") + " of " + key.job() + " added, copies of instance "
                + instance);
        context.out().flush();
        return ExitCode.OK;
    }
}
