/**
 * Where clusters are and how to authenticate to them.
 *
 * <p>{@link io.borealis.cli.config.Clusters} reads the first {@code clusters.json} found in
 * {@code $BOREALIS_CONFIG_ROOT}, {@code ~/.borealis/}, {@code /etc/borealis/} into
 * {@link io.borealis.cli.config.ClusterConfig}s; {@link io.borealis.cli.config.Netrc} finds BASIC
 * credentials for a scheduler host. {@link io.borealis.cli.config.CliEnvironment} is the process
 * environment and home directory, passed in so that tests need not touch the real ones.
 * Problems are {@link io.borealis.cli.config.ConfigException}s naming the file and entry.
 */
package io.borealis.cli.config;
