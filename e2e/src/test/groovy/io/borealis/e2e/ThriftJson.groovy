package io.borealis.e2e

import io.borealis.api.thrift.Response
import java.util.function.Consumer
import java.util.function.Function
import org.apache.thrift.TApplicationException
import org.apache.thrift.TBase
import org.apache.thrift.TServiceClient
import org.apache.thrift.protocol.TJSONProtocol
import org.apache.thrift.protocol.TMessageType
import org.apache.thrift.protocol.TMultiplexedProtocol
import org.apache.thrift.protocol.TProtocol
import org.apache.thrift.transport.TMemoryBuffer
import org.apache.thrift.transport.TMemoryInputTransport

/**
 * Thrift calls in the JSON protocol as bytes, for specs that send them over HTTP themselves (to
 * follow redirects, to see each replica's own answer, or on a raw socket): the body a client
 * would POST to {@code /api}, and the {@link Response} in a reply.
 */
final class ThriftJson {
    private ThriftJson() {}

    /**
     * The body of one call to {@code service}: {@code send} calls the client's
     * {@code send_METHOD}, e.g. {@code call('SchedulerManager', SchedulerManager.Client::new,
     * { it.send_createJob(job) })}.
     */
    static <C extends TServiceClient> byte[] call(String service,
            Function<TProtocol, C> client, Consumer<C> send) {
        def buffer = new TMemoryBuffer(4096)
        send.accept(client.apply(new TMultiplexedProtocol(new TJSONProtocol(buffer), service)))
        Arrays.copyOf(buffer.array, buffer.length())
    }

    /**
     * The Response in the body of a reply, read through the method's result struct (e.g.
     * {@code new SchedulerManager.createJob_result()}); an exception reply is thrown.
     */
    static Response reply(byte[] body, TBase result) {
        def protocol = new TJSONProtocol(new TMemoryInputTransport(body))
        if (protocol.readMessageBegin().type == TMessageType.EXCEPTION) {
            throw TApplicationException.readFrom(protocol)
        }
        result.read(protocol)
        result.getFieldValue(result.fieldForId(0)) as Response
    }
}
