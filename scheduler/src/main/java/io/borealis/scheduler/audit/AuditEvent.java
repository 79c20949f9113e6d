package io.borealis.scheduler.audit;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One line of the audit log.
 *
 * @param time when the call was answered, ISO-8601 UTC
 * @param who the authenticated principal; the name a refused caller claimed; {@code -} when
 *     security is off or nobody was named
 * @param authenticated whether {@code who} proved who it is
 * @param call {@code SERVICE.METHOD}, e.g. {@code SchedulerManager.createJob}; {@code ?} when
 *     an unauthenticated request could not be read
 * @param target what the call acts on: a job key, {@code ROLE/ENV/NAME/INSTANCE}, a role, an
 *     agent id, hosts; empty when the call names nothing
 * @param details a short summary of the other arguments (counts, resources), never a secret
 * @param outcome {@code ok}, {@code refused} (authentication or authorization), {@code invalid}
 *     (the scheduler refused the request itself) or {@code error}
 * @param reason why it was not ok: the missing permission, the scheduler's message; null if ok
 * @param remote the client's address
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"time", "who", "authenticated", "call", "target", "details", "outcome",
        "reason", "remote"})
public record AuditEvent(
        String time,
        String who,
        boolean authenticated,
        String call,
        String target,
        @Nullable String details,
        String outcome,
        @Nullable String reason,
        @Nullable String remote) {
    public static final String OK = "ok";
    public static final String REFUSED = "refused";
    public static final String INVALID = "invalid";
    public static final String ERROR = "error";

    public AuditEvent {
        requireNonNull(time, "time is null");
        requireNonNull(who, "who is null");
        requireNonNull(call, "call is null");
        requireNonNull(target, "target is null");
        requireNonNull(outcome, "outcome is null");
    }

    /** An event stamped {@code now}. */
    public static AuditEvent at(Instant now, String who, boolean authenticated, String call,
            String target, @Nullable String details, String outcome, @Nullable String reason,
            @Nullable String remote) {
        return new AuditEvent(now.toString(), who, authenticated, call, target, details, outcome,
                reason, remote);
    }
}
