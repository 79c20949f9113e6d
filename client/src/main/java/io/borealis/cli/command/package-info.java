/**
 * The {@code borealis} commands (picocli), one class per verb.
 *
 * <p>{@link io.borealis.cli.command.BorealisCommand} is the root; {@code JobCommand} and
 * {@code ConfigCommand} are nouns; leaf commands extend {@code SessionCommand} and use a
 * {@link io.borealis.cli.command.Session} to evaluate job files, pick jobs and reach schedulers.
 * Keys are typed ({@link io.borealis.cli.command.ClusterJobKey},
 * {@link io.borealis.cli.command.InstanceKey}); a failure is a
 * {@link io.borealis.cli.command.CliException} with an {@link io.borealis.cli.command.ExitCode},
 * and {@link io.borealis.cli.command.CommandLines} maps usage mistakes and failures to the exit
 * statuses of spec/cli.md. {@code TaskWaiter} and {@code Killer} hold the polling behaviour.
 */
package io.borealis.cli.command;
