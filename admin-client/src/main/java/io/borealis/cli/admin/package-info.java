/**
 * The {@code borealis-admin} program: {@link io.borealis.cli.admin.AdminMain} builds the
 * client's {@link io.borealis.cli.command.CliContext} and runs the operators' command line from
 * {@code io.borealis.cli.admin.command}, with the same exit statuses, cluster configuration and
 * transport as {@code borealis}.
 */
package io.borealis.cli.admin;
