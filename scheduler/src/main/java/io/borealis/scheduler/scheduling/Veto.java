package io.borealis.scheduler.scheduling;

import static java.util.Objects.requireNonNull;

/**
 * Why one agent cannot take one task, in Aurora's words (aurora-features §3.1). {@link Kind} is
 * the filter order: the first kind that fails wins, except that every missing resource is named.
 */
record Veto(Kind kind, String text) {
    /** The filters, in the order they are applied. */
    enum Kind { DEDICATED, MAINTENANCE, CONSTRAINT, LIMIT, RESERVED, RESOURCE }

    static final Veto DEDICATED_HOST = new Veto(Kind.DEDICATED, "Host is dedicated");
    static final Veto DRAINING = new Veto(Kind.MAINTENANCE, "Host draining for maintenance");
    static final Veto DRAINED = new Veto(Kind.MAINTENANCE, "Host drained for maintenance");
    static final Veto RESERVED_HOST =
            new Veto(Kind.RESERVED, "Host reserved for a task that preempted its tasks");
    static final Veto CPU = new Veto(Kind.RESOURCE, "Insufficient: CPU");
    static final Veto RAM = new Veto(Kind.RESOURCE, "Insufficient: RAM");
    static final Veto DISK = new Veto(Kind.RESOURCE, "Insufficient: DISK");
    static final Veto GPU = new Veto(Kind.RESOURCE, "Insufficient: GPU");
    static final Veto PORTS = new Veto(Kind.RESOURCE, "Insufficient: PORTS");

    Veto {
        requireNonNull(kind, "kind is null");
        requireNonNull(text, "text is null");
    }

    static Veto constraint(String attribute) {
        return new Veto(Kind.CONSTRAINT, "Constraint not satisfied: " + attribute);
    }

    static Veto limit(String attribute) {
        return new Veto(Kind.LIMIT, "Limit not satisfied: " + attribute);
    }
}
