package io.borealis.scheduler.storage;

/**
 * A write refused because another scheduler has claimed the storage since this one did
 * ({@link Storage#claimLeadership}): this scheduler is no longer the leader and must step down
 * rather than go on deciding. Nothing of the refused write was stored.
 */
public final class FencedException extends RuntimeException {
    private final long claimed;
    private final long current;

    public FencedException(long claimed, long current) {
        super("this scheduler is fenced: it claimed write epoch " + claimed
                + " but the storage is at epoch " + current + " (another scheduler leads)");
        this.claimed = claimed;
        this.current = current;
    }

    /** The epoch this scheduler claimed; 0 if it never claimed. */
    public long claimed() {
        return claimed;
    }

    /** The epoch the storage is at. */
    public long current() {
        return current;
    }
}
