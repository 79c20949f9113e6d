package io.borealis.executor.sandbox;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Which account a task's processes run as (Aurora's executor runs them as the job's role).
 *
 * <ul>
 *   <li>An executor that is not root runs them as itself: it cannot switch.
 *   <li>{@link Mode#ROLE} (the default): a root executor runs them as the role's account; a
 *       role without an account on the host runs as the fallback user when one is configured,
 *       else the task fails with that reason.
 *   <li>{@link Mode#EXECUTOR}: they run as the executor's own user, whoever that is.
 * </ul>
 *
 * <p>The agent passes the policy down in the executor's environment:
 * {@code BOREALIS_TASK_USER=role|executor} (the agent's {@code --task-user}, default
 * {@code role}) and {@code BOREALIS_FALLBACK_USER=NAME} (its {@code --fallback-user}). The local
 * cluster passes {@code executor}: its work directory lives in the home of whoever started it,
 * which the roles' accounts cannot enter.
 *
 * @param fallbackUser null when none is configured
 */
public record UserPolicy(Mode mode, String fallbackUser) {
    public static final String MODE_VARIABLE = "BOREALIS_TASK_USER";
    public static final String FALLBACK_VARIABLE = "BOREALIS_FALLBACK_USER";

    /** Whose account the processes run as. */
    public enum Mode {
        /** The job's role, when the executor is root. */
        ROLE,
        /** The executor's own user. */
        EXECUTOR
    }

    public UserPolicy {
        requireNonNull(mode, "mode is null");
        fallbackUser = fallbackUser == null || fallbackUser.isBlank() ? null : fallbackUser;
    }

    /** Reads the policy from the executor's environment; a bad mode names the variable. */
    public static UserPolicy fromEnvironment(Map<String, String> env) {
        String mode = env.get(MODE_VARIABLE);
        if (mode == null || mode.isBlank()) {
            mode = "role";
        }
        Mode parsed = switch (mode.trim()) {
            case "role" -> Mode.ROLE;
            case "executor" -> Mode.EXECUTOR;
            default -> throw new IllegalArgumentException(MODE_VARIABLE + " must be 'role' or "
                    + "'executor', not '" + mode + "'");
        };
        return new UserPolicy(parsed, env.get(FALLBACK_VARIABLE));
    }

    /**
     * The account to run {@code role}'s processes as: empty for the executor's own user. Fails
     * with a message naming the role, the host and the fallback when there is no account to
     * switch to.
     */
    public Optional<Account> accountFor(String role, String host) {
        if (mode == Mode.EXECUTOR || Account.currentUid() != 0) {
            return Optional.empty();
        }
        Optional<Account> account = lookup(role);
        if (account.isPresent()) {
            return account;
        }
        if (fallbackUser == null) {
            throw new IllegalArgumentException("role '" + role + "' has no account on host "
                    + host + " and no fallback user is configured (" + FALLBACK_VARIABLE + ")");
        }
        return Optional.of(lookup(fallbackUser).orElseThrow(() -> new IllegalArgumentException(
                "role '" + role + "' has no account on host " + host + ", nor has the fallback "
                        + "user '" + fallbackUser + "'")));
    }

    /** The account called {@code name}, through the host's account database ({@code getent}). */
    static Optional<Account> lookup(String name) {
        if (name.isEmpty() || name.startsWith("-") || name.contains(":")) {
            return Optional.empty();
        }
        try {
            Process getent = new ProcessBuilder("getent", "passwd", name)
                    .redirectErrorStream(true).start();
            String line;
            try (InputStream out = getent.getInputStream()) {
                line = new String(out.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            if (!getent.waitFor(10, TimeUnit.SECONDS) || getent.exitValue() != 0) {
                return Optional.empty();
            }
            String[] fields = line.split(":");
            return fields.length < 4 ? Optional.empty() : Optional.of(new Account(fields[0],
                    Integer.parseInt(fields[2]), Integer.parseInt(fields[3])));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
