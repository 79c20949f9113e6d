package io.borealis.api.model;

/**
 * Mirrors Thrift {@code JobUpdateStatus}: where a rolling update is (spec/http.md). The first six
 * are active; at most one update per job is active.
 */
public enum JobUpdateStatus {
    ROLLING_FORWARD,
    ROLLING_BACK,
    ROLL_FORWARD_PAUSED,
    ROLL_BACK_PAUSED,
    ROLL_FORWARD_AWAITING_PULSE,
    ROLL_BACK_AWAITING_PULSE,
    ROLLED_FORWARD,
    ROLLED_BACK,
    ABORTED,
    ERROR,
    FAILED;

    public boolean isActive() {
        return ordinal() <= ROLL_BACK_AWAITING_PULSE.ordinal();
    }

    /** Whether the update moves instances back to their previous configuration. */
    public boolean isBackward() {
        return this == ROLLING_BACK || this == ROLL_BACK_PAUSED || this == ROLL_BACK_AWAITING_PULSE
                || this == ROLLED_BACK;
    }
}
