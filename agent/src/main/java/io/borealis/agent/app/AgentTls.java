package io.borealis.agent.app;

import io.borealis.api.tls.Tls;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;

/**
 * The agent's TLS settings ({@code --tls-cert}, {@code --tls-key}, {@code --tls-ca}).
 *
 * @param server the identity its AgentControl endpoint serves HTTPS with (the endpoint it
 *     registers is then {@code https://HOST:PORT}); null serves plain HTTP
 * @param schedulerTrust the CA it trusts when the scheduler's URL is {@code https}; null trusts
 *     the JVM's default CAs
 */
public record AgentTls(SSLContext server, SSLContext schedulerTrust) {
    /** Plain HTTP, and an https scheduler checked against the JVM's CAs. */
    public static final AgentTls NONE = new AgentTls(null, null);

    /** Reads the PEM files the flags name; any may be null. Fails naming the problem. */
    public static AgentTls of(Path cert, Path key, Path ca) {
        if ((cert == null) != (key == null)) {
            throw new IllegalArgumentException(
                    "--tls-cert and --tls-key go together: give both or neither");
        }
        return new AgentTls(cert == null ? null : Tls.server(cert, key),
                ca == null ? null : Tls.trusting(ca));
    }
}
