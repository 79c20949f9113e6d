package io.borealis.scheduler.metrics;

import static java.util.Objects.requireNonNull;

import io.borealis.api.rpc.DecoratedProtocol;
import io.borealis.api.thrift.ResponseCode;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.thrift.TException;
import org.apache.thrift.TProcessor;
import org.apache.thrift.protocol.TMessage;
import org.apache.thrift.protocol.TMessageType;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.protocol.TProtocolDecorator;

/**
 * Times every call through the multiplexed API processor, by service, method and outcome: the
 * {@code ResponseCode} the handler answered ({@code OK}, {@code INVALID_REQUEST},
 * {@code AUTH_FAILED}, ...), {@code EXCEPTION} when Thrift answered with an exception (an
 * unknown method, a handler that threw), or {@code MALFORMED} when the request could not be
 * read. Only calls that the services declare are named; anything else is counted as service and
 * method {@code unknown}, so that no caller can add series at will.
 *
 * <p>It reads the call's name as the multiplexer does (the first message header) and the
 * outcome from the reply as it is written: every method answers a {@code Response} whose first
 * field is its {@code responseCode}, so the first i32 written after a reply header is that
 * code. Nothing is buffered or parsed twice. Thread-safe: each call has its own decorators.
 */
public final class MeteredProcessor implements TProcessor {
    static final String UNKNOWN = "unknown";
    static final String EXCEPTION = "EXCEPTION";
    static final String MALFORMED = "MALFORMED";

    private final TProcessor delegate;
    private final SchedulerMetrics metrics;
    private final Set<String> known;

    /**
     * @param services the generated {@code Iface} of each service the processor multiplexes, by
     *     the name it is registered under
     */
    public MeteredProcessor(TProcessor delegate, SchedulerMetrics metrics,
            Map<String, Class<?>> services) {
        this.delegate = requireNonNull(delegate, "delegate is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        Set<String> names = new HashSet<>();
        services.forEach((service, iface) -> {
            for (Method method : iface.getMethods()) {
                names.add(service + ":" + method.getName());
            }
        });
        this.known = Set.copyOf(names);
    }

    @Override
    public void process(TProtocol in, TProtocol out) throws TException {
        long started = System.nanoTime();
        NameReader request = new NameReader(in);
        OutcomeWriter reply = new OutcomeWriter(out);
        String outcome = MALFORMED;
        try {
            delegate.process(request, reply);
            outcome = reply.outcome();
        } finally {
            String name = request.name != null && known.contains(request.name)
                    ? request.name : UNKNOWN + ":" + UNKNOWN;
            int colon = name.indexOf(':');
            metrics.apiCall(name.substring(0, colon), name.substring(colon + 1), outcome)
                    .record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    /** Remembers the name of the first message read: {@code Service:method}. */
    private static final class NameReader extends TProtocolDecorator {
        private String name;

        NameReader(TProtocol protocol) {
            super(protocol);
        }

        @Override
        public TMessage readMessageBegin() throws TException {
            TMessage message = super.readMessageBegin();
            if (name == null) {
                name = message.name;
            }
            return message;
        }
    }

    /** Remembers the reply's type and the first i32 written after its header. */
    private static final class OutcomeWriter extends TProtocolDecorator
            implements DecoratedProtocol {
        private final TProtocol protocol;
        private byte type = -1;
        private Integer code;

        OutcomeWriter(TProtocol protocol) {
            super(protocol);
            this.protocol = protocol;
        }

        @Override
        public TProtocol decorated() {
            return protocol;
        }

        @Override
        public void writeMessageBegin(TMessage message) throws TException {
            if (type == -1) {
                type = message.type;
            }
            super.writeMessageBegin(message);
        }

        @Override
        public void writeI32(int i32) throws TException {
            if (type == TMessageType.REPLY && code == null) {
                code = i32;
            }
            super.writeI32(i32);
        }

        String outcome() {
            if (type == TMessageType.REPLY && code != null) {
                ResponseCode responseCode = ResponseCode.findByValue(code);
                return responseCode == null ? "CODE_" + code : responseCode.name();
            }
            return type == -1 ? MALFORMED : EXCEPTION;
        }
    }
}
