package io.borealis.api.rpc;

import org.apache.thrift.protocol.TProtocol;

/**
 * A protocol that wraps another (a {@code TProtocolDecorator} that watches what is written), so
 * that what depends on the wire, such as {@link SharedTaskConfig}, can see through it.
 */
public interface DecoratedProtocol {
    /** The protocol this one writes through. */
    TProtocol decorated();

    /** True when {@code protocol}, seen through any decorators, is Thrift's compact protocol. */
    static boolean isCompact(TProtocol protocol) {
        TProtocol concrete = protocol;
        while (concrete instanceof DecoratedProtocol decorator) {
            concrete = decorator.decorated();
        }
        return concrete instanceof org.apache.thrift.protocol.TCompactProtocol;
    }
}
