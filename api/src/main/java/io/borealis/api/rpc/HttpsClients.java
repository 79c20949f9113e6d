package io.borealis.api.rpc;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import org.apache.http.client.HttpClient;
import org.apache.http.impl.client.HttpClients;

/**
 * One pooled HTTP client per {@code SSLContext}, for Thrift calls over HTTPS that trust a given
 * CA. A program has one or two contexts for its whole life (its {@code --tls-ca}, a cluster's
 * {@code ca_file}), so clients are kept, never closed, and connections are reused between calls.
 * Thread-safe.
 */
final class HttpsClients {
    /** Enough for the scheduler's gateway threads calling one agent, and for a busy agent. */
    private static final int PER_ROUTE = 32;
    private static final int TOTAL = 256;
    private static final Map<SSLContext, HttpClient> CLIENTS = new ConcurrentHashMap<>();

    private HttpsClients() {}

    static HttpClient of(SSLContext tls) {
        return CLIENTS.computeIfAbsent(tls, context -> HttpClients.custom()
                .setSSLContext(context) // host names are checked: the default verifier
                .setMaxConnPerRoute(PER_ROUTE)
                .setMaxConnTotal(TOTAL)
                .disableCookieManagement()
                .disableAutomaticRetries()
                .build());
    }
}
