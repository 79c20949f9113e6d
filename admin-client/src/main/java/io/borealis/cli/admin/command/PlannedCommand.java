package io.borealis.cli.admin.command;

import static java.util.Objects.requireNonNull;

import io.borealis.cli.command.CliException;
import io.borealis.cli.command.ExitCode;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * An operators' command of spec/cli.md that this version lists but cannot run yet: calling it
 * fails with status 5 and says so, whatever arguments it is given.
 */
final class PlannedCommand implements Callable<Integer> {
    /** A planned command: its name, its argument synopsis and what it will do. */
    record Plan(String name, String synopsis, String description) {
        Plan {
            requireNonNull(name, "name is null");
            requireNonNull(synopsis, "synopsis is null");
            requireNonNull(description, "description is null");
        }
    }

    /** Every command of spec/cli.md runs now; a future one starts here until it is built. */
    static final List<Plan> PLANS = List.of();

    private final Plan plan;

    PlannedCommand(Plan plan) {
        this.plan = requireNonNull(plan, "plan is null");
    }

    @Override
    public Integer call() throws CliException {
        throw new CliException(ExitCode.INVALID_COMMAND, "'" + plan.name()
                + "' is not yet available in this version of borealis-admin");
    }
}
