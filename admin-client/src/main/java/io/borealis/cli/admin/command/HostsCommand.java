package io.borealis.cli.admin.command;

import io.borealis.api.validation.MaintenanceRules;
import io.borealis.api.validation.Problem;
import io.borealis.cli.command.CliContext;
import io.borealis.cli.command.CliException;
import io.borealis.cli.command.ExitCode;
import io.borealis.cli.transport.MaintenanceClient;
import io.borealis.cli.transport.SchedulerException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Base of the host maintenance commands: {@code --hosts=H[,H...] CLUSTER}, the hosts checked
 * before anything is sent (status 6 naming the problem: none given, an empty name, path
 * characters, more than 1,000), and the answer printed one line per host ending in its mode,
 * {@code HOST is in state: MODE} (Aurora's words), with what the scheduler said beside it (such
 * as hosts no agent runs on) on standard error.
 */
abstract class HostsCommand extends AdminSessionCommand {
    @Parameters(index = "0", paramLabel = "CLUSTER")
    String cluster;

    @Option(names = "--hosts", paramLabel = "H[,H...]",
            description = "comma-separated host names (required)")
    String hosts;

    HostsCommand(CliContext context) {
        super(context);
    }

    @Override
    protected final ExitCode run() throws CliException {
        Set<String> names = hosts();
        checkOptions();
        MaintenanceClient.Answer answer;
        try {
            answer = call(new MaintenanceClient(admin(cluster).scheduler()), names);
        } catch (SchedulerException e) {
            throw CliException.from(e);
        }
        for (MaintenanceClient.HostMode host : answer.hosts()) {
            println(host.host() + " is in state: " + host.mode());
        }
        for (String note : answer.notes()) {
            context.err().println("note: " + note);
        }
        context.err().flush();
        return ExitCode.OK;
    }

    /** Checks the command's own options before anything is sent; status 6 when one is bad. */
    void checkOptions() throws CliException {}

    /** The scheduler call of the command. */
    abstract MaintenanceClient.Answer call(MaintenanceClient client, Set<String> hosts)
            throws SchedulerException;

    private Set<String> hosts() throws CliException {
        if (hosts == null) {
            throw invalid("--hosts is required: name the hosts, e.g. --hosts=host1,host2");
        }
        List<String> parts = new ArrayList<>(List.of(hosts.split(",", -1)));
        parts.replaceAll(String::trim);
        List<Problem> problems = MaintenanceRules.hostProblems(parts);
        if (!problems.isEmpty()) {
            throw invalid("--hosts " + problems.stream().map(Problem::message).distinct()
                    .collect(Collectors.joining("; ")));
        }
        return new LinkedHashSet<>(parts);
    }

    static CliException invalid(String message) {
        return new CliException(ExitCode.INVALID_PARAMETER, message);
    }
}
