package io.borealis.cli.command;

import picocli.CommandLine;

/** {@code --version}: the program name and the version in the jar's manifest (or "dev"). */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {"${ROOT-COMMAND-NAME} " + (version == null ? "dev" : version)};
    }
}
