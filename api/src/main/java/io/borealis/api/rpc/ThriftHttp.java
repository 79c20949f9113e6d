package io.borealis.api.rpc;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.apache.thrift.TException;
import org.apache.thrift.TProcessor;
import org.apache.thrift.TServiceClient;
import org.apache.thrift.protocol.TJSONProtocol;
import org.apache.thrift.protocol.TMultiplexedProtocol;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.transport.THttpClient;
import org.apache.thrift.transport.TIOStreamTransport;
import org.apache.thrift.transport.TTransportException;

/**
 * Thrift's JSON protocol over HTTP POST, multiplexed by service name: the one wire format of
 * every Borealis RPC (clients to scheduler, agents to scheduler, scheduler to agents).
 *
 * <p>Servers hand each request body to {@link #process}; callers build a client with
 * {@link #client}. Clients are not thread-safe: build one per thread or per call (cheap).
 */
public final class ThriftHttp {
    public static final String CONTENT_TYPE = "application/x-thrift";

    private ThriftHttp() {}

    /** Reads one request from {@code in}, runs it through {@code processor}, writes the reply. */
    public static void process(TProcessor processor, InputStream in, OutputStream out)
            throws TException {
        TIOStreamTransport transport = new TIOStreamTransport(in, out);
        TJSONProtocol protocol = new TJSONProtocol(transport);
        processor.process(protocol, protocol);
        transport.flush();
    }

    /**
     * A client of {@code service} at {@code apiUrl} (e.g. {@code http://host:8081/api}).
     *
     * @param factory the generated {@code Client::new}, e.g. {@code SchedulerManager.Client::new}
     * @param headers extra request headers, e.g. {@code Authorization}
     */
    public static <C extends TServiceClient> C client(
            String apiUrl,
            String service,
            Function<TProtocol, C> factory,
            Map<String, String> headers,
            Duration timeout) throws TTransportException {
        THttpClient transport = new THttpClient(apiUrl);
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        transport.setConnectTimeout(millis);
        transport.setReadTimeout(millis);
        transport.setCustomHeader("Content-Type", CONTENT_TYPE);
        transport.setCustomHeader("Accept", CONTENT_TYPE);
        headers.forEach(transport::setCustomHeader);
        return factory.apply(new TMultiplexedProtocol(new TJSONProtocol(transport), service));
    }
}
