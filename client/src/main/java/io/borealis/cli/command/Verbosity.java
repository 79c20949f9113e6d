package io.borealis.cli.command;

/** Implemented by a program's root command: whether {@code --verbose} was given. */
public interface Verbosity {
    boolean verbose();
}
