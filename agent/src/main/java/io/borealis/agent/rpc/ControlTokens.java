package io.borealis.agent.rpc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret that proves an AgentControl call comes from the scheduler this agent registered
 * with. The agent draws a new one for every registration and sends it in
 * {@code AgentInfo.controlToken}; the scheduler sends it back as
 * {@code Authorization: Bearer TOKEN}. Held in memory only.
 *
 * <p>While a registration is under way both the confirmed token and the one just sent are
 * accepted (the scheduler may use the new one before the agent hears back); once the
 * registration succeeds only the new one is. Before the first registration nothing is accepted.
 * Comparison is constant-time. Thread-safe.
 */
public final class ControlTokens {
    private static final SecureRandom RANDOM = new SecureRandom();

    private volatile byte[] confirmed;
    private volatile byte[] pending;

    /** A new token for the registration about to be sent; accepted from now on. */
    public synchronized String next() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        pending = token.getBytes(StandardCharsets.US_ASCII);
        return token;
    }

    /** The registration that sent {@code token} succeeded: only it is accepted from now on. */
    public synchronized void confirm(String token) {
        confirmed = token.getBytes(StandardCharsets.US_ASCII);
        pending = null;
    }

    /** Whether an {@code Authorization} header value carries an accepted token. */
    public boolean accepts(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] offered = authorization.substring(7).trim().getBytes(StandardCharsets.US_ASCII);
        byte[] current = confirmed;
        byte[] next = pending;
        // Both compared every time, constant-time each: no early answer tells which matched.
        boolean first = current != null && MessageDigest.isEqual(current, offered);
        boolean second = next != null && MessageDigest.isEqual(next, offered);
        return first | second;
    }
}
