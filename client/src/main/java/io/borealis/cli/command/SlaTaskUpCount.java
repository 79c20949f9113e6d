package io.borealis.cli.command;

import io.borealis.api.units.Durations;
import io.borealis.cli.render.JsonOutput;
import io.borealis.cli.render.SlaFigures;
import io.borealis.cli.transport.InstanceTask;
import io.borealis.cli.transport.SchedulerException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sla get-task-up-count JOBKEY [--durations=1m,10m,1h,12h,7d]}: for each duration, the
 * percentage of the job's active instances RUNNING for at least that long (Aurora's command),
 * one line each, {@code 10m - 66.67 %}.
 */
@Command(name = "get-task-up-count", mixinStandardHelpOptions = true,
        description = "Print the percentage of a job's instances up for at least each duration.")
final class SlaTaskUpCount extends SessionCommand {
    @Parameters(index = "0", paramLabel = "JOBKEY", converter = ClusterJobKey.Converter.class,
            description = "CLUSTER/ROLE/ENV/NAME")
    ClusterJobKey key;

    @Option(names = "--durations", paramLabel = "D[,D...]", defaultValue = "1m,10m,1h,12h,7d",
            description = "durations such as 90s, 10m, 1h, 7d (default: ${DEFAULT-VALUE})")
    String durations;

    @Option(names = "--write-json", description = "print JSON: "
            + "[{\"duration\", \"seconds\", \"percentage\"}]")
    boolean json;

    SlaTaskUpCount(CliContext context) {
        super(context);
    }

    @Override
    protected ExitCode run() throws CliException {
        List<String> texts = List.of(durations.split(",", -1));
        List<Duration> parsed = new ArrayList<>();
        for (String text : texts) {
            parsed.add(Durations.parse(text, false).orElseThrow(() -> new CliException(
                    ExitCode.INVALID_PARAMETER, "--durations: '" + text.trim()
                    + "' is not a duration such as 90s, 10m, 1h or 7d")));
        }
        List<InstanceTask> tasks;
        try {
            tasks = session().scheduler(key.cluster()).tasks(jobQuery(key.job()));
        } catch (SchedulerException e) {
            throw CliException.from(e);
        }
        List<Long> uptimes = SlaFigures.uptimes(tasks.stream().map(InstanceTask::task).toList(),
                System.currentTimeMillis());
        List<SlaFigures.UpCount> counts = new ArrayList<>();
        for (int i = 0; i < parsed.size(); i++) {
            counts.add(new SlaFigures.UpCount(texts.get(i).trim(), parsed.get(i).toSeconds(),
                    SlaFigures.upCount(uptimes, parsed.get(i))));
        }
        if (json) {
            JsonOutput.write(context.out(), counts);
        } else {
            for (SlaFigures.UpCount count : counts) {
                context.out().println(String.format(Locale.ROOT, "%s - %.2f %%",
                        count.duration(), count.percentage()));
            }
            context.out().flush();
        }
        return ExitCode.OK;
    }
}
