package io.borealis.api.rpc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import org.apache.thrift.TException;
import org.apache.thrift.TProcessor;
import org.apache.thrift.TServiceClient;
import org.apache.thrift.protocol.TCompactProtocol;
import org.apache.thrift.protocol.TJSONProtocol;
import org.apache.thrift.protocol.TMultiplexedProtocol;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.protocol.TProtocolUtil;
import org.apache.thrift.transport.THttpClient;
import org.apache.thrift.transport.TIOStreamTransport;
import org.apache.thrift.transport.TTransport;
import org.apache.thrift.transport.TTransportException;

/**
 * Thrift over HTTP POST, multiplexed by service name: the wire of every Borealis RPC (clients to
 * scheduler, agents to scheduler, scheduler to agents).
 *
 * <p>Two encodings, one endpoint: Thrift's JSON protocol (the contract of spec/http.md, what
 * scripts and other languages send) and Thrift's compact protocol, which Borealis's own programs
 * send because it is several times cheaper to encode and decode (a 10,000-task status reply:
 * see scheduler/README.md). A server tells them apart by the first byte of the request (a JSON
 * message is an array, {@code [}; a compact one starts with its protocol id, {@code 0x82}) and
 * answers in the same encoding.
 *
 * <p>Servers hand each request body to {@link #process}; callers build a client with
 * {@link #client}. Clients are not thread-safe: build one per thread or per call (cheap).
 */
public final class ThriftHttp {
    /** Content type of the JSON protocol. */
    public static final String CONTENT_TYPE = "application/x-thrift";
    /** Content type of the compact protocol. */
    public static final String COMPACT_CONTENT_TYPE = "application/vnd.apache.thrift.compact";

    /** The two encodings a Borealis endpoint speaks. */
    public enum Wire {
        JSON(CONTENT_TYPE),
        COMPACT(COMPACT_CONTENT_TYPE);

        private final String contentType;

        Wire(String contentType) {
            this.contentType = contentType;
        }

        public String contentType() {
            return contentType;
        }

        TProtocol protocol(TTransport transport) {
            return this == JSON ? new TJSONProtocol(transport) : new TCompactProtocol(transport);
        }

        /** The encoding whose messages start with {@code firstByte}: compact or else JSON. */
        static Wire ofFirstByte(int firstByte) {
            return (byte) firstByte == COMPACT_PROTOCOL_ID ? COMPACT : JSON;
        }
    }

    private static final byte COMPACT_PROTOCOL_ID = (byte) 0x82;

    /**
     * How deeply an unknown field's value may nest when a server skips it, in either encoding.
     * Thrift's default is unlimited: a request of 200,000 nested JSON lists overflowed the stack
     * of the thread serving it. Our own structs nest a few levels; deeper input is refused as a
     * protocol error.
     */
    public static final int MAX_SKIP_DEPTH = 64;

    static {
        TProtocolUtil.setMaxSkipDepth(MAX_SKIP_DEPTH);
    }

    private ThriftHttp() {}

    /**
     * Reads one request from {@code in}, runs it through {@code processor}, writes the reply in
     * the request's encoding.
     *
     * @return the encoding used, whose {@link Wire#contentType} the reply should carry
     */
    public static Wire process(TProcessor processor, InputStream in, OutputStream out)
            throws TException {
        Reply reply = handle(processor, in);
        try {
            reply.writeTo(out);
            out.flush();
        } catch (IOException e) {
            throw new TTransportException(e);
        }
        return reply.wire();
    }

    /**
     * Reads one request from {@code in} and runs it through {@code processor}; the reply, in the
     * request's encoding, is held until the caller writes it (after choosing its HTTP status).
     */
    public static Reply handle(TProcessor processor, InputStream in) throws TException {
        PushbackInputStream body = new PushbackInputStream(in, 1);
        Wire wire;
        try {
            int first = body.read();
            if (first >= 0) {
                body.unread(first);
            }
            wire = Wire.ofFirstByte(first);
        } catch (IOException e) {
            throw new TTransportException(e);
        }
        // Protocols write a reply in many tiny pieces; collecting them in a buffer without locks
        // and handing the reply over at once halves the encoding time of a large reply (12 MB of
        // JSON, 10,000 tasks: measured 1.2 s -> 0.6 s on a loaded machine).
        ReplyBuffer buffer = new ReplyBuffer();
        TIOStreamTransport transport = new TIOStreamTransport(body, buffer);
        TProtocol protocol = wire.protocol(transport);
        processor.process(protocol, protocol);
        return new Reply(wire, buffer);
    }

    /** A processed call's reply, not yet written. */
    public static final class Reply {
        private final Wire wire;
        private final ReplyBuffer body;

        private Reply(Wire wire, ReplyBuffer body) {
            this.wire = wire;
            this.body = body;
        }

        public Wire wire() {
            return wire;
        }

        /** Writes the reply's bytes to {@code out} (without copying them first). */
        public void writeTo(OutputStream out) throws IOException {
            body.writeTo(out);
        }
    }

    /**
     * A byte buffer with no locking, in chunks that are never copied to grow it; confined to the
     * thread processing one call. (Doubling one array copied a 10,000-task reply several times:
     * 40% of its compact encoding.)
     */
    private static final class ReplyBuffer extends OutputStream {
        private static final int CHUNK = 64 * 1024;
        private final List<byte[]> full = new ArrayList<>();
        private byte[] current = new byte[4096];
        private int size;

        @Override
        public void write(int b) {
            if (size == current.length) {
                next(1);
            }
            current[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            while (len > 0) {
                if (size == current.length) {
                    next(len);
                }
                int n = Math.min(len, current.length - size);
                System.arraycopy(b, off, current, size, n);
                size += n;
                off += n;
                len -= n;
            }
        }

        private void next(int wanted) {
            full.add(current);
            current = new byte[Math.max(CHUNK, Math.min(wanted, 16 * CHUNK))];
            size = 0;
        }

        void writeTo(OutputStream out) throws IOException {
            for (byte[] chunk : full) {
                out.write(chunk);
            }
            out.write(current, 0, size);
        }
    }

    /**
     * A client of {@code service} at {@code apiUrl} (e.g. {@code http://host:8081/api}) speaking
     * the compact protocol.
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
        return client(apiUrl, service, factory, headers, timeout, Wire.COMPACT, null);
    }

    /**
     * As {@link #client(String, String, Function, Map, Duration)}; an {@code https} URL is
     * verified with {@code tls} (e.g. {@code Tls.trusting(caFile)}: that CA, and the host name
     * in the certificate), or with the JVM's default trust store when {@code tls} is null.
     */
    public static <C extends TServiceClient> C client(
            String apiUrl,
            String service,
            Function<TProtocol, C> factory,
            Map<String, String> headers,
            Duration timeout,
            SSLContext tls) throws TTransportException {
        return client(apiUrl, service, factory, headers, timeout, Wire.COMPACT, tls);
    }

    /** As {@link #client(String, String, Function, Map, Duration, SSLContext)}, in {@code wire}. */
    public static <C extends TServiceClient> C client(
            String apiUrl,
            String service,
            Function<TProtocol, C> factory,
            Map<String, String> headers,
            Duration timeout,
            Wire wire,
            SSLContext tls) throws TTransportException {
        THttpClient transport = tls == null
                ? new THttpClient(apiUrl) : new THttpClient(apiUrl, HttpsClients.of(tls));
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        transport.setConnectTimeout(millis);
        transport.setReadTimeout(millis);
        transport.setCustomHeader("Content-Type", wire.contentType());
        transport.setCustomHeader("Accept", wire.contentType());
        headers.forEach(transport::setCustomHeader);
        return factory.apply(new TMultiplexedProtocol(wire.protocol(transport), service));
    }
}
