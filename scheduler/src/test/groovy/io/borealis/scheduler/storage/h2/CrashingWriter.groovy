package io.borealis.scheduler.storage.h2

import io.borealis.scheduler.testing.Fixtures
import java.time.Clock

/**
 * Run in a child JVM by {@link H2DurabilitySpec}: opens the storage at {@code args[0]}, registers
 * {@code args[1]} agents one write each, printing {@code acked N} after each write returns, then
 * halts the JVM at once (no shutdown hooks, no close): a crash right after acknowledging.
 */
final class CrashingWriter {
    static void main(String[] args) {
        H2Storage storage = H2Storage.open(args[0], Clock.systemUTC())
        int count = args[1] as int
        for (int i = 0; i < count; i++) {
            storage.write { store -> store.agents().save(Fixtures.agent(id: "agent-$i")) }
            System.out.println("acked $i")
            System.out.flush()
        }
        Runtime.runtime.halt(0)
    }
}
