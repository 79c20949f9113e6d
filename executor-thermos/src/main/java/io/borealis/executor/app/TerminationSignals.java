package io.borealis.executor.app;

import java.util.function.Consumer;
import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into a kill of the task. {@code sun.misc.Signal} is the only way for
 * a JVM to act on SIGTERM while it keeps running (a shutdown hook runs when the JVM is already
 * exiting, too late to stop processes and run finalizers); it stays confined to this class.
 */
final class TerminationSignals {
    private TerminationSignals() {}

    /**
     * Installs the handlers. {@code kill} is called on the JVM's signal thread with a reason such
     * as {@code killed: executor received SIGTERM}, once per signal received.
     */
    static void install(Consumer<String> kill) {
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), s -> kill.accept("killed: executor received SIG" + name));
        }
    }
}
