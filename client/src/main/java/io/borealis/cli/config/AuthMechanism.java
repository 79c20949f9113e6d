package io.borealis.cli.config;

/** How a client authenticates to a cluster's scheduler ({@code auth_mechanism}). */
public enum AuthMechanism {
    /** No credentials are sent (the default). */
    UNAUTHENTICATED,
    /** HTTP Basic with a login and password from the netrc file. */
    BASIC
}
