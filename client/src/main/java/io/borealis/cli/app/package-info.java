/**
 * The {@code borealis} program: {@link io.borealis.cli.app.BorealisMain} builds the
 * {@link io.borealis.cli.command.CliContext} from the process (streams, environment, terminal)
 * and runs the picocli command line; its exit status is the program's.
 */
package io.borealis.cli.app;
