package io.borealis.scheduler.storage.h2

import io.borealis.scheduler.testing.Fixtures
import java.time.Clock

/**
 * Run in a child JVM by {@link H2DurabilitySpec}: opens the storage at {@code args[0]}, registers
 * {@code args[1]} agents one write each from {@code args[2]} threads at once (so that file writes
 * carry several commits), printing {@code acked N} after each write returns, then halts the JVM
 * at once (no shutdown hooks, no close): a crash right after acknowledging.
 */
final class CrashingWriter {
    static void main(String[] args) {
        H2Storage storage = H2Storage.open(args[0], Clock.systemUTC())
        int count = args[1] as int
        int threads = args[2] as int
        List<Thread> writers = (0..<threads).collect { int t ->
            Thread.start {
                for (int i = t; i < count; i += threads) {
                    int n = i
                    storage.write { store -> store.agents().save(Fixtures.agent(id: "agent-$n")) }
                    synchronized (System.out) {
                        System.out.println("acked $n")
                        System.out.flush()
                    }
                }
            }
        }
        writers*.join()
        Runtime.runtime.halt(0)
    }
}
