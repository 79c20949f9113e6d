package io.borealis.executor.health;

import io.borealis.executor.sandbox.Account;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Aurora's shell health check: {@code /bin/bash -c COMMAND} in the sandbox, as the task's
 * account, with the task's environment; healthy when it exits 0 within the timeout. A command
 * that overruns is killed with everything in its session.
 */
public final class ShellHealthCheck implements HealthCheck {
    private final String command;
    private final Path sandbox;
    private final Map<String, String> environment;
    private final Account account;
    private final long timeoutMillis;

    /** @param account null to run as the executor's own user */
    public ShellHealthCheck(String command, Path sandbox, Map<String, String> environment,
            Account account, Duration timeout) {
        this.command = command;
        this.sandbox = sandbox;
        this.environment = Map.copyOf(environment);
        this.account = account;
        this.timeoutMillis = Math.max(1, timeout.toMillis());
    }

    @Override
    public String describe() {
        return "shell command '" + command + "'";
    }

    @Override
    public Result check() {
        List<String> bash = List.of("/bin/bash", "-c", command);
        ProcessBuilder builder = new ProcessBuilder(account == null ? bash : account.wrap(bash))
                .directory(sandbox.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return Result.failed(describe() + " could not start: " + e.getMessage());
        }
        try {
            if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                return Result.failed(describe() + " timed out after " + timeoutMillis + " ms");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return Result.failed(describe() + " interrupted");
        }
        int code = process.exitValue();
        return code == 0 ? Result.OK : Result.failed(describe() + " exited with status " + code);
    }
}
