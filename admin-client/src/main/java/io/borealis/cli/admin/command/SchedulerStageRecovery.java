package io.borealis.cli.admin.command;

import io.borealis.cli.command.CliContext;
import io.borealis.cli.command.CliException;
import io.borealis.cli.command.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code scheduler_stage_recovery CLUSTER BACKUP}: the scheduler loads the backup beside its
 * live state; nothing live changes until {@code scheduler_commit_recovery}. A name with a path
 * or control character, or longer than any backup name, is refused here (status 6, nothing
 * sent); the scheduler checks the name again and refuses names that are not its backups'.
 */
@Command(name = "scheduler_stage_recovery", mixinStandardHelpOptions = true,
        description = "Load a backup beside the live state, for a recovery.")
final class SchedulerStageRecovery extends BackupCommand {
    /** Far longer than any backup name; a longer argument is a mistake. */
    static final int MAX_NAME = 255;

    @Parameters(index = "1", paramLabel = "BACKUP", description = "a name from scheduler_list_backups")
    String backup;

    SchedulerStageRecovery(CliContext context) {
        super(context);
    }

    @Override
    protected ExitCode run() throws CliException {
        check(backup);
        call(client -> {
            client.stageRecovery(backup);
            return null;
        });
        println("Backup " + backup + " staged on " + cluster + ": scheduler_print_recovery_tasks "
                + "shows its tasks; scheduler_commit_recovery restores it, "
                + "scheduler_unload_recovery drops it");
        return ExitCode.OK;
    }

    static void check(String name) throws CliException {
        if (name.isEmpty()) {
            throw invalid("BACKUP is empty: give a name from scheduler_list_backups");
        }
        if (name.length() > MAX_NAME) {
            throw invalid("BACKUP is " + name.length() + " characters long; backup names are "
                    + "much shorter (see scheduler_list_backups)");
        }
        if (name.contains("/") || name.contains("\\") || name.contains("..")
                || name.chars().anyMatch(Character::isISOControl)) {
            throw invalid("BACKUP '" + name.replaceAll("\\p{Cntrl}", "?") + "' is a path, not "
                    + "a backup name; give a name from scheduler_list_backups");
        }
    }
}
