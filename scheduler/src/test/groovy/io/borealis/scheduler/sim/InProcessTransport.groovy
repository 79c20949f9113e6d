package io.borealis.scheduler.sim

import groovy.transform.CompileStatic
import io.borealis.api.rpc.ThriftHttp
import java.util.function.LongConsumer
import org.apache.thrift.TConfiguration
import org.apache.thrift.TProcessor
import org.apache.thrift.transport.TEndpointTransport
import org.apache.thrift.transport.TTransportException

/**
 * A Thrift client transport that hands each request to the scheduler's own {@code /api}
 * processor in this JVM ({@code Scheduler.api()}): the same JSON encoding and the same handler
 * objects as over HTTP, without sockets. {@code serverNanos} hears how long each call spent in the
 * processor (decode, handler, encode): the server side of a call, and {@code serverCpuNanos} the
 * CPU time it took. Not thread-safe: one per call.
 */
@CompileStatic
final class InProcessTransport extends TEndpointTransport {
    private final TProcessor processor
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.threadMXBean
    private final LongConsumer serverNanos
    private final LongConsumer serverCpuNanos
    private final ByteArrayOutputStream request = new ByteArrayOutputStream()
    private ByteArrayInputStream response = new ByteArrayInputStream(new byte[0])

    /**
     * @param serverCpuNanos hears the CPU time of the calling thread in the processor: the
     *     server side's cost regardless of what else runs on the machine
     */
    InProcessTransport(TProcessor processor, LongConsumer serverNanos = { long n -> } as LongConsumer,
            LongConsumer serverCpuNanos = { long n -> } as LongConsumer) {
        super(new TConfiguration(Integer.MAX_VALUE, TConfiguration.DEFAULT_MAX_FRAME_SIZE,
                TConfiguration.DEFAULT_RECURSION_DEPTH))
        this.processor = processor
        this.serverNanos = serverNanos
        this.serverCpuNanos = serverCpuNanos
    }

    @Override
    boolean isOpen() { true }

    @Override
    void open() {}

    @Override
    void close() {}

    @Override
    int read(byte[] buf, int off, int len) throws TTransportException {
        int n = response.read(buf, off, len)
        if (n <= 0) {
            throw new TTransportException(TTransportException.END_OF_FILE, 'no more response data')
        }
        n
    }

    @Override
    void write(byte[] buf, int off, int len) {
        request.write(buf, off, len)
    }

    @Override
    void flush() throws TTransportException {
        byte[] body = request.toByteArray()
        request.reset()
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096)
        long started = System.nanoTime()
        long cpuStarted = THREADS.currentThreadCpuTime
        try {
            ThriftHttp.process(processor, new ByteArrayInputStream(body), out)
        } catch (Exception e) {
            throw new TTransportException(e)
        }
        serverNanos.accept(System.nanoTime() - started)
        serverCpuNanos.accept(THREADS.currentThreadCpuTime - cpuStarted)
        response = new ByteArrayInputStream(out.toByteArray())
        resetConsumedMessageSize(-1)
    }
}
