package io.borealis.scheduler.app;

import io.borealis.scheduler.storage.Storage;
import java.util.function.Consumer;

/**
 * Where leader election meets storage: a deposed leader must not write. A replica calls
 * {@link #claim} once when elected, after its store is open and before its loops start or it
 * serves a request. The store then refuses every write made under an earlier claim (an epoch
 * checked in each write transaction), and when it refuses one of <em>this</em> replica's writes
 * it calls {@code deposed} with the reason; the replica then stops serving as leader and exits.
 *
 * <p>{@link #CLAIM} is what the scheduler uses; {@link #NONE} claims nothing (for specs of
 * replicas each on their own store). Called on the election thread; a throw means this replica
 * cannot lead (another has claimed since) and it steps down.
 */
@FunctionalInterface
public interface Fencing {
    Fencing NONE = (storage, deposed) -> { };
    /**
     * Claims the store ({@link Storage#claimLeadership}): from now on every write of an earlier
     * leader fails. A write of this replica's refused later, after another replica claimed,
     * reaches {@code deposed} through {@link StepDownOnFence}.
     */
    Fencing CLAIM = (storage, deposed) -> storage.claimLeadership();

    void claim(Storage storage, Consumer<String> deposed) throws Exception;
}
