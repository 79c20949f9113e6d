package io.borealis.scheduler.auth;

import static java.util.Objects.requireNonNull;

import org.apache.shiro.authz.permission.WildcardPermission;
import org.apache.shiro.subject.Subject;
import org.jspecify.annotations.Nullable;

/**
 * Who makes a call: an authenticated principal with its Shiro {@link Subject}, or
 * {@link #OPEN}, the caller of a scheduler without security, who may do everything.
 * Immutable; the subject is only asked about permissions.
 */
public final class Caller {
    /** Any caller of a scheduler without {@code --shiro-ini}: every permission, no name. */
    public static final Caller OPEN = new Caller(null, null);

    private final @Nullable String principal;
    private final @Nullable Subject subject;

    private Caller(@Nullable String principal, @Nullable Subject subject) {
        this.principal = principal;
        this.subject = subject;
    }

    /** An authenticated caller. */
    public static Caller authenticated(String principal, Subject subject) {
        return new Caller(requireNonNull(principal, "principal is null"),
                requireNonNull(subject, "subject is null"));
    }

    /** The authenticated user's name; null for {@link #OPEN}. */
    public @Nullable String principal() {
        return principal;
    }

    /**
     * Whether this caller holds {@code permission} (a Shiro wildcard permission such as
     * {@code thrift.SchedulerManager:createJob:www-data:prod:hello}, compared case-sensitively).
     */
    public boolean isPermitted(String permission) {
        return subject == null || subject.isPermitted(new WildcardPermission(permission, true));
    }

    /** The principal for logs and the audit log: {@code -} when security is off. */
    public String name() {
        return principal == null ? "-" : principal;
    }

    @Override
    public String toString() {
        return "Caller[" + name() + "]";
    }
}
