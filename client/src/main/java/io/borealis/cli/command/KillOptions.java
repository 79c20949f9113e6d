package io.borealis.cli.command;

import java.time.Duration;
import picocli.CommandLine.Option;

/** The options {@code job kill} and {@code job killall} share. */
final class KillOptions {
    @Option(names = {"-m", "--message"}, paramLabel = "M",
            description = "why the tasks are killed; recorded in their events")
    String message;

    @Option(names = "--batch-size", paramLabel = "N",
            description = "kill N instances at a time, waiting for each batch to end "
                    + "(default: all at once)")
    Integer batchSize;

    @Option(names = "--no-wait", description = "return once the scheduler accepted the kill")
    boolean noWait;

    @Option(names = "--wait-timeout", paramLabel = "DURATION", defaultValue = "5m",
            converter = DurationConverter.class,
            description = "give up waiting for the tasks to end after this long, exit 9 "
                    + "(default: ${DEFAULT-VALUE})")
    Duration waitTimeout;

    String messageOrDefault() {
        return message != null ? message
                : "killed by " + System.getProperty("user.name", "unknown") + " with borealis";
    }
}
