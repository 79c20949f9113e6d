package io.borealis.executor.sandbox;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A host account that a task's processes run as, when the executor runs as root and so can
 * switch to it.
 *
 * @param name the login name, e.g. {@code www-data}
 * @param uid its numeric user id
 * @param gid its primary group id
 */
public record Account(String name, int uid, int gid) {
    private static final String SETPRIV =
            Files.isExecutable(Path.of("/usr/bin/setpriv")) ? "/usr/bin/setpriv" : "setpriv";

    public Account {
        requireNonNull(name, "name is null");
    }

    /**
     * The command that runs {@code command} as this account: {@code setpriv} sets the user, the
     * group and the account's supplementary groups, then execs the command, so the pid and the
     * environment stay as they are. Nothing changes when the executor already is this account.
     */
    public List<String> wrap(List<String> command) {
        if (uid == currentUid()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of(SETPRIV, "--reuid=" + uid,
                "--regid=" + gid, "--init-groups", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** The executor's own user id (the owner of {@code /proc/self}), or -1 when unknown. */
    public static int currentUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return -1;
        }
    }
}
