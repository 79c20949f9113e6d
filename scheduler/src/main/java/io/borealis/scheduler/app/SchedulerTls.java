package io.borealis.scheduler.app;

import io.borealis.api.tls.Tls;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * The scheduler's TLS settings ({@code --tls-cert}, {@code --tls-key}, {@code --tls-ca}).
 *
 * @param server the identity its HTTP port serves HTTPS with; null serves plain HTTP
 * @param agentTrust the CA it trusts when it calls agents whose endpoints are {@code https};
 *     null trusts the JVM's default CAs
 */
public record SchedulerTls(@Nullable SSLContext server, @Nullable SSLContext agentTrust) {
    /** Plain HTTP, and agents' HTTPS endpoints checked against the JVM's CAs. */
    public static final SchedulerTls NONE = new SchedulerTls(null, null);

    /**
     * Reads the PEM files the flags name; any may be null. Fails naming the flag and the problem
     * when only one of cert and key is given or a file cannot be used.
     */
    public static SchedulerTls of(@Nullable Path cert, @Nullable Path key, @Nullable Path ca) {
        if ((cert == null) != (key == null)) {
            throw new IllegalArgumentException(
                    "--tls-cert and --tls-key go together: give both or neither");
        }
        return new SchedulerTls(cert == null ? null : Tls.server(cert, key),
                ca == null ? null : Tls.trusting(ca));
    }
}
