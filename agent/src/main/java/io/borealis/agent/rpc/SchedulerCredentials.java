package io.borealis.agent.rpc;

import static java.util.Objects.requireNonNull;

import io.borealis.api.rpc.NetrcFile;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The agent's HTTP Basic credentials for the scheduler it calls, by that scheduler's host: the
 * entry of a netrc file ({@code --scheduler-netrc}) for the host, preferring the one whose login
 * is the agent's id. With {@code --zk} the host is whichever replica leads, which only ZooKeeper
 * knows and which changes at a failover: the file is read again for each new host the agent
 * follows (so it also picks up credentials written since), and the answer is kept while the host
 * stays the same.
 *
 * <p>Thread-safe: the session and the outbox call at the same time; at worst both read the file.
 */
public final class SchedulerCredentials {
    /** No credentials: the scheduler runs without security. */
    public static final SchedulerCredentials NONE = new SchedulerCredentials(null, null);

    private final Path netrc;
    private final String login;
    private volatile Lookup last;

    private record Lookup(String host, Map<String, String> headers) {}

    private SchedulerCredentials(Path netrc, String login) {
        this.netrc = netrc;
        this.login = login;
    }

    /**
     * The entries of {@code netrc} for each scheduler's host, the one whose login is
     * {@code login} first (else the host's first, else the file's {@code default}).
     */
    public static SchedulerCredentials netrc(Path netrc, String login) {
        return new SchedulerCredentials(requireNonNull(netrc, "netrc is null"),
                requireNonNull(login, "login is null"));
    }

    /**
     * The headers a call to the scheduler at base URL {@code url} carries: its
     * {@code Authorization}, or none without credentials.
     *
     * @throws SchedulerException when the file cannot be read or has no entry for the URL's host,
     *     naming both; the caller's retry looks again
     */
    Map<String, String> headers(String url) throws SchedulerException {
        if (netrc == null) {
            return Map.of();
        }
        String host = URI.create(url).getHost();
        if (host == null) {
            throw new SchedulerException("the scheduler's URL " + url + " names no host");
        }
        Lookup known = last;
        if (known != null && known.host().equals(host)) {
            return known.headers();
        }
        Lookup found = new Lookup(host, Map.of("Authorization", basic(entry(host))));
        last = found;
        return found.headers();
    }

    /** The netrc entry for {@code host}; fails naming the file and the host. */
    private NetrcFile.Entry entry(String host) throws SchedulerException {
        Optional<NetrcFile.Entry> entry;
        try {
            entry = NetrcFile.find(NetrcFile.parse(Files.readString(netrc)), host, login);
        } catch (IOException e) {
            throw new SchedulerException("--scheduler-netrc " + netrc + " cannot be read: " + e);
        }
        return entry.orElseThrow(() -> new SchedulerException("--scheduler-netrc " + netrc
                + " has no entry for machine " + host + ", the scheduler's host"));
    }

    private static String basic(NetrcFile.Entry entry) {
        return "Basic " + Base64.getEncoder().encodeToString(
                (entry.login() + ":" + entry.password()).getBytes(StandardCharsets.UTF_8));
    }

    /** Never the password. */
    @Override
    public String toString() {
        return netrc == null ? "no credentials" : "netrc " + netrc + " (login " + login + ")";
    }
}
