/**
 * The {@code borealis-admin} commands. {@link io.borealis.cli.admin.command.AdminCommand} is the
 * root; {@code get_scheduler} works from {@code clusters.json}; set_quota, increase_quota, query,
 * reconcile_tasks, prune_tasks and the host maintenance commands ({@code HostsCommand}) call the
 * scheduler; every other command of
 * spec/cli.md is listed in the help and, when called, exits 5 saying it is not yet available
 * ({@link io.borealis.cli.admin.command.PlannedCommand}).
 */
package io.borealis.cli.admin.command;
