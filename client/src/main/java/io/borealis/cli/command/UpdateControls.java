package io.borealis.cli.command;

import io.borealis.cli.transport.JobUpdateView;
import io.borealis.cli.transport.SchedulerClient.UpdateControl;
import io.borealis.cli.transport.SchedulerException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code update pause|resume|abort|rollback|pulse JOBKEY}: act on the job's active update. */
final class UpdateControls {
    private UpdateControls() {}

    /** One command on the active update; prints the update's id and its new status. */
    abstract static class Control extends SessionCommand {
        @Parameters(index = "0", paramLabel = "JOBKEY", converter = ClusterJobKey.Converter.class,
                description = "CLUSTER/ROLE/ENV/NAME")
        ClusterJobKey key;

        @Option(names = "--message", paramLabel = "M", defaultValue = "",
                description = "why, recorded in the update's events")
        String message;

        private final UpdateControl control;

        Control(CliContext context, UpdateControl control) {
            super(context);
            this.control = control;
        }

        @Override
        protected ExitCode run() throws CliException {
            JobUpdateView update;
            try {
                update = session().scheduler(key.cluster())
                        .controlJobUpdate(control, key.job(), message);
            } catch (SchedulerException e) {
                throw CliException.from(e);
            }
            context.out().println("Update " + update.id() + " of " + key + " is "
                    + update.status());
            context.out().flush();
            return ExitCode.OK;
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true,
            description = "Pause the job's active update (instances in flight stay as they are).")
    static final class Pause extends Control {
        Pause(CliContext context) {
            super(context, UpdateControl.PAUSE);
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true,
            description = "Resume the job's paused update.")
    static final class Resume extends Control {
        Resume(CliContext context) {
            super(context, UpdateControl.RESUME);
        }
    }

    @Command(name = "abort", mixinStandardHelpOptions = true,
            description = "End the job's active update where it is (ABORTED).")
    static final class Abort extends Control {
        Abort(CliContext context) {
            super(context, UpdateControl.ABORT);
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = "Roll the instances the active update changed back to their previous "
                    + "configuration.")
    static final class Rollback extends Control {
        Rollback(CliContext context) {
            super(context, UpdateControl.ROLLBACK);
        }
    }

    @Command(name = "pulse", mixinStandardHelpOptions = true,
            description = "Pulse the active update (one with pulse_interval_secs waits for pulses).")
    static final class Pulse extends Control {
        Pulse(CliContext context) {
            super(context, UpdateControl.PULSE);
        }
    }
}
