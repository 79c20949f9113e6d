package io.borealis.scheduler.leader;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first handler of a replica. {@code /health} is always 200. Once this replica leads
 * ({@link #lead}), everything else goes to the leader's routes and {@code /leaderhealth} is 200.
 * Until then (a follower, or a leader still loading its store) {@code /leaderhealth} is 503
 * naming the leader when one is known and 502 when none is (Aurora's codes, for load balancers),
 * and every other request is redirected with 307, so that a POST is sent again with its body, to
 * the same path on the leader, or answered 503 while no leader is known. The header
 * {@code Bypass-Leader-Redirect} is not honoured: a follower has no store to answer from.
 *
 * <p>Thread-safe; the leader is looked up in ZooKeeper on each redirected request, so a follower
 * never redirects to a leader that has left more than a session timeout ago.
 */
public final class LeaderGate extends Handler.Wrapper {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderGate.class);
    private static final String TEXT = "text/plain; charset=utf-8";

    /** Finds the leader's URL; empty when no leader is announced. */
    @FunctionalInterface
    public interface LeaderLookup {
        Optional<String> leaderUrl() throws Exception;
    }

    private final LeaderLookup lookup;
    private volatile boolean leading;

    public LeaderGate(LeaderLookup lookup) {
        super(true); // the leader's routes are set while Jetty runs
        this.lookup = requireNonNull(lookup, "lookup is null");
    }

    /** From now on this replica leads: requests go to {@code routes}. Called once, when elected. */
    public void lead(Handler routes) {
        setHandler(requireNonNull(routes, "routes is null"));
        leading = true;
    }

    /** Stops serving as leader at once (before the replica exits). */
    public void stopLeading() {
        leading = false;
    }

    public boolean leading() {
        return leading;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        if (path.equals("/health")) {
            send(response, callback, HttpStatus.OK_200, "OK\n");
            return true;
        }
        if (leading) {
            if (path.equals("/leaderhealth")) {
                send(response, callback, HttpStatus.OK_200, "OK\n");
                return true;
            }
            return super.handle(request, response, callback);
        }
        Optional<String> leader = leader();
        if (path.equals("/leaderhealth")) {
            if (leader.isPresent()) {
                send(response, callback, HttpStatus.SERVICE_UNAVAILABLE_503,
                        "not the leader; " + leader.get() + " leads\n");
            } else {
                send(response, callback, HttpStatus.BAD_GATEWAY_502, "no leader is known\n");
            }
            return true;
        }
        if (leader.isEmpty()) {
            send(response, callback, HttpStatus.SERVICE_UNAVAILABLE_503,
                    "no scheduler leads at the moment (an election is under way); "
                            + "try again in a few seconds\n");
            return true;
        }
        String query = request.getHttpURI().getQuery();
        String location = leader.get() + path + (query == null ? "" : "?" + query);
        response.setStatus(HttpStatus.TEMPORARY_REDIRECT_307);
        response.getHeaders().put(HttpHeader.LOCATION, location);
        send(response, callback, HttpStatus.TEMPORARY_REDIRECT_307,
                "not the leader; see " + location + "\n");
        return true;
    }

    private Optional<String> leader() {
        try {
            return lookup.leaderUrl();
        } catch (Exception e) {
            LOG.warn("cannot look up the leader: {}", e.toString());
            return Optional.empty();
        }
    }

    private static void send(Response response, Callback callback, int status, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, TEXT);
        Content.Sink.write(response, true, body, callback);
    }
}
