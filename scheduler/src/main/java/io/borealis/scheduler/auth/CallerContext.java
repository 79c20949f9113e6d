package io.borealis.scheduler.auth;

import static java.util.Objects.requireNonNull;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The caller of the API call being served on this thread. The HTTP edge binds it around the
 * processing of one request ({@link #run}); the Thrift guard and handlers read it
 * ({@link #current}). A thread serving no request (a test calling a processor directly, the
 * simulated cluster) sees none.
 */
public final class CallerContext {
    private static final ThreadLocal<Caller> CURRENT = new ThreadLocal<>();
    private static final ThreadLocal<String> REMOTE = new ThreadLocal<>();

    private CallerContext() {}

    /**
     * Runs {@code work} with {@code caller} (calling from {@code remote}, an address for the
     * audit log) bound to this thread, then unbinds them.
     */
    public static <T> T run(Caller caller, @Nullable String remote, Supplier<T> work) {
        requireNonNull(caller, "caller is null");
        CURRENT.set(caller);
        REMOTE.set(remote);
        try {
            return work.get();
        } finally {
            CURRENT.remove();
            REMOTE.remove();
        }
    }

    /** The address the current call comes from; null when unknown. */
    public static @Nullable String remote() {
        return REMOTE.get();
    }

    /**
     * The caller bound to this thread; null when none is (a call that did not come through
     * HTTP). The guard of a secured scheduler refuses such a call.
     */
    public static @Nullable Caller current() {
        return CURRENT.get();
    }

    /** The authenticated principal of this thread's call; null when none or security is off. */
    public static @Nullable String principal() {
        Caller caller = CURRENT.get();
        return caller == null ? null : caller.principal();
    }
}
