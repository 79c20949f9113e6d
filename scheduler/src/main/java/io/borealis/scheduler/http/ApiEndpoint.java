package io.borealis.scheduler.http;

import static java.util.Objects.requireNonNull;

import io.borealis.api.rpc.RequestBodies;
import io.borealis.api.rpc.ThriftHttp;
import io.borealis.scheduler.audit.AuditEvent;
import io.borealis.scheduler.audit.AuditLog;
import io.borealis.scheduler.auth.CallerContext;
import io.borealis.scheduler.auth.Security;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.thrift.TException;
import org.apache.thrift.TProcessor;
import org.apache.thrift.protocol.TCompactProtocol;
import org.apache.thrift.protocol.TJSONProtocol;
import org.apache.thrift.protocol.TMessage;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.transport.TMemoryInputTransport;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api}: the size limit, authentication, then the Thrift processor with the caller
 * bound ({@link CallerContext}). In that order, so that a hostile request costs little:
 *
 * <ul>
 *   <li>a body longer than the limit ({@code --max-request-size}) is answered 413 before it is
 *       read (from its Content-Length) or as soon as it passes the limit (chunked);
 *   <li>without valid HTTP Basic credentials (when security is on) the answer is 401 with
 *       {@code WWW-Authenticate}, and the audit log names the call attempted (read from the
 *       message header only) and who was claimed;
 *   <li>a body that is not a Thrift request in either encoding ({@link ThriftHttp}: JSON or
 *       compact, answered in the same) (malformed, nested beyond the protocol's depth
 *       limit) is answered 400 naming the problem.
 * </ul>
 *
 * Runs on Jetty's threads; thread-safe.
 */
public final class ApiEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(ApiEndpoint.class);
    private static final String TEXT = "text/plain; charset=utf-8";
    /** The first byte of a compact-protocol message (a JSON one starts with {@code [}). */
    private static final byte COMPACT_PROTOCOL_ID = (byte) 0x82;
    static final String CHALLENGE = "Basic realm=\"borealis\", charset=\"UTF-8\"";

    private final TProcessor api;
    private final Security security;
    private final AuditLog audit;
    private final long maxRequestBytes;

    public ApiEndpoint(TProcessor api, Security security, AuditLog audit, long maxRequestBytes) {
        this.api = requireNonNull(api, "api is null");
        this.security = requireNonNull(security, "security is null");
        this.audit = requireNonNull(audit, "audit is null");
        if (maxRequestBytes < 1) {
            throw new IllegalArgumentException("maxRequestBytes must be positive");
        }
        this.maxRequestBytes = maxRequestBytes;
    }

    /** Serves one {@code POST /api}. */
    public void handle(Request request, Response response, Callback callback) {
        byte[] body;
        try (InputStream in = Content.Source.asInputStream(request)) {
            body = RequestBodies.read(in, request.getLength(), maxRequestBytes);
        } catch (RequestBodies.TooLarge e) {
            LOG.warn("refused a request to /api from {}: {}", Request.getRemoteAddr(request),
                    e.getMessage());
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            send(response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413, e.getMessage() + "\n");
            return;
        } catch (IOException e) {
            send(response, callback, HttpStatus.BAD_REQUEST_400,
                    "cannot read the request: " + e.getMessage() + "\n");
            return;
        }
        Security.Authentication authentication =
                security.authenticate(request.getHeaders().get(HttpHeader.AUTHORIZATION));
        String remote = Request.getRemoteAddr(request);
        if (authentication.caller() == null) {
            String call = callName(body);
            audit.record(AuditEvent.at(audit.clock().instant(),
                    authentication.claimedUser() == null ? "-" : authentication.claimedUser(),
                    false, call, "", null, AuditEvent.REFUSED, authentication.failure(), remote));
            LOG.info("refused {} from {}: {}", call, remote, authentication.failure());
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, CHALLENGE);
            send(response, callback, HttpStatus.UNAUTHORIZED_401,
                    "authentication required: " + authentication.failure() + "\n");
            return;
        }
        Outcome outcome = CallerContext.run(authentication.caller(), remote,
                () -> process(body));
        if (outcome.problem() != null) {
            send(response, callback, HttpStatus.BAD_REQUEST_400,
                    "bad Thrift request: " + outcome.problem() + "\n");
            return;
        }
        ThriftHttp.Reply reply = outcome.reply();
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.wire().contentType());
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            reply.writeTo(out);
            callback.succeeded();
        } catch (IOException e) {
            // The caller went away while the reply was written; nothing to tell it.
            callback.failed(e);
        }
    }

    /** A processed request's reply, or what is wrong with the request. */
    private record Outcome(ThriftHttp.@Nullable Reply reply, @Nullable String problem) {}

    /** Runs the request, in whichever encoding it came. */
    private Outcome process(byte[] body) {
        try (InputStream in = new ByteArrayInputStream(body)) {
            return new Outcome(ThriftHttp.handle(api, in), null);
        } catch (TException | IOException | RuntimeException e) {
            // Only a malformed request gets here: handlers map their own failures to Responses.
            LOG.warn("bad Thrift request: {}", e.toString());
            return new Outcome(null, String.valueOf(e.getMessage()));
        } catch (StackOverflowError e) {
            // The protocol limits nesting (ThriftHttp); this is the last line of defence.
            LOG.warn("bad Thrift request: nested too deeply");
            return new Outcome(null, "nested too deeply");
        }
    }

    /**
     * {@code SERVICE.METHOD} from a request's message header, without reading its arguments;
     * {@code ?} when the body is not a Thrift request.
     */
    static String callName(byte[] body) {
        try {
            TMemoryInputTransport transport = new TMemoryInputTransport(body);
            TProtocol protocol = body.length > 0 && body[0] == COMPACT_PROTOCOL_ID
                    ? new TCompactProtocol(transport) : new TJSONProtocol(transport);
            TMessage message = protocol.readMessageBegin();
            String name = message.name == null ? "?" : message.name.replace(':', '.');
            return name.length() > 200 ? name.substring(0, 200) + "..." : name;
        } catch (TException | RuntimeException e) {
            return "?";
        }
    }

    private static void send(Response response, Callback callback, int status, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, TEXT);
        Content.Sink.write(response, true, body, callback);
    }

    /** For pages behind the login: the 401 challenge. */
    static void challenge(Response response, Callback callback, String reason) {
        response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, CHALLENGE);
        response.setStatus(HttpStatus.UNAUTHORIZED_401);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, TEXT);
        Content.Sink.write(response, true, "authentication required: " + reason + "\n",
                callback);
    }
}
