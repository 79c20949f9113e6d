package io.borealis.api.rpc;

import io.borealis.api.thrift.TaskConfig;
import java.util.Arrays;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TCompactProtocol;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.transport.TMemoryBuffer;

/**
 * A task configuration that many tasks of one reply share (the 10,000 tasks of one job share
 * one). In Thrift's compact protocol it is encoded once and its bytes are written again for each
 * task: encoding the same struct 10,000 times was about half of the encoding of a big job's
 * status (JFR). The bytes are what encoding it in place would write: a compact struct's fields
 * are numbered from zero within the struct, whatever surrounds it. Other protocols encode it as
 * usual. Confined to the thread writing one reply.
 */
public final class SharedTaskConfig extends TaskConfig {
    private static final long serialVersionUID = 1L;

    private transient byte[] compact;

    /** A copy of {@code config}, which must not change while replies are written. */
    public SharedTaskConfig(TaskConfig config) {
        super(config);
    }

    @Override
    public void write(TProtocol out) throws TException {
        if (!DecoratedProtocol.isCompact(out)) {
            super.write(out);
            return;
        }
        if (compact == null) {
            TMemoryBuffer buffer = new TMemoryBuffer(1024);
            super.write(new TCompactProtocol(buffer));
            compact = Arrays.copyOf(buffer.getArray(), buffer.length());
        }
        out.getTransport().write(compact, 0, compact.length);
    }
}
