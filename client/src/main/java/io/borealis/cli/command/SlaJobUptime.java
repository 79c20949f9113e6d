package io.borealis.cli.command;

import io.borealis.cli.render.JsonOutput;
import io.borealis.cli.render.SlaFigures;
import io.borealis.cli.transport.InstanceTask;
import io.borealis.cli.transport.SchedulerException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sla get-job-uptime JOBKEY [--percentiles=99,95,90,85,75,60,50,30,10]}: for each
 * percentile P, the uptime that P % of the job's active instances have reached (Aurora's
 * command), one line each, {@code 95 percentile - 3600 seconds}.
 */
@Command(name = "get-job-uptime", mixinStandardHelpOptions = true,
        description = "Print the uptime, in seconds, at each percentile of a job's instances.")
final class SlaJobUptime extends SessionCommand {
    @Parameters(index = "0", paramLabel = "JOBKEY", converter = ClusterJobKey.Converter.class,
            description = "CLUSTER/ROLE/ENV/NAME")
    ClusterJobKey key;

    @Option(names = "--percentiles", paramLabel = "P[,P...]",
            defaultValue = "99,95,90,85,75,60,50,30,10",
            description = "percentiles, each more than 0 and less than 100 "
                    + "(default: ${DEFAULT-VALUE})")
    String percentiles;

    @Option(names = "--write-json", description = "print JSON: [{\"percentile\", \"uptimeSecs\"}]")
    boolean json;

    SlaJobUptime(CliContext context) {
        super(context);
    }

    @Override
    protected ExitCode run() throws CliException {
        List<Double> parsed = new ArrayList<>();
        for (String text : percentiles.split(",", -1)) {
            double value;
            try {
                value = Double.parseDouble(text.trim());
            } catch (NumberFormatException e) {
                value = Double.NaN;
            }
            if (!(value > 0 && value < 100)) {
                throw new CliException(ExitCode.INVALID_PARAMETER, "--percentiles: '"
                        + text.trim() + "' is not a percentile more than 0 and less than 100");
            }
            parsed.add(value);
        }
        List<InstanceTask> tasks;
        try {
            tasks = session().scheduler(key.cluster()).tasks(jobQuery(key.job()));
        } catch (SchedulerException e) {
            throw CliException.from(e);
        }
        List<Long> uptimes = SlaFigures.uptimes(tasks.stream().map(InstanceTask::task).toList(),
                System.currentTimeMillis());
        List<SlaFigures.Uptime> figures = new ArrayList<>();
        for (double percentile : parsed) {
            figures.add(new SlaFigures.Uptime(percentile, SlaFigures.uptime(uptimes, percentile)));
        }
        if (json) {
            JsonOutput.write(context.out(), figures);
        } else {
            for (SlaFigures.Uptime figure : figures) {
                context.out().println(number(figure.percentile()) + " percentile - "
                        + figure.uptimeSecs() + " seconds");
            }
            context.out().flush();
        }
        return ExitCode.OK;
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
