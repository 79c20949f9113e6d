package io.borealis.scheduler.rpc;

import io.borealis.api.thrift.Response;
import io.borealis.api.thrift.ResponseCode;
import io.borealis.api.thrift.Result;
import io.borealis.api.thrift.ServerInfo;
import io.borealis.scheduler.error.ErrorCode;
import io.borealis.scheduler.error.PlatformException;
import io.borealis.scheduler.storage.FencedException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a call and maps its outcome to a Thrift {@link Response}: a result to OK, a
 * {@link PlatformException} to its code with its message, anything else to ERROR with a message
 * (and an ERROR log line, since that is a bug or a storage failure). Every response carries the
 * cluster name.
 */
public final class Responses {
    private static final Logger LOG = LoggerFactory.getLogger(Responses.class);

    private final String cluster;

    public Responses(String cluster) {
        this.cluster = cluster;
    }

    /** Runs {@code call}; a null result means OK without a result. */
    public Response run(String method, Supplier<@Nullable Result> call) {
        Response response;
        try {
            Result result = call.get();
            response = result == null
                    ? io.borealis.api.rpc.Responses.ok()
                    : io.borealis.api.rpc.Responses.ok(result);
        } catch (PlatformException e) {
            response = io.borealis.api.rpc.Responses.error(code(e.code()), e.getMessage());
        } catch (FencedException e) {
            // Nothing of the call was stored, and the replica is stepping down: the caller
            // may send it again to the leader (the clients do, when they follow ZooKeeper).
            response = io.borealis.api.rpc.Responses.error(ResponseCode.NOT_LEADER,
                    method + " was not carried out: this scheduler no longer leads (" +
                            e.getMessage() + "); send it to the leader");
        } catch (RuntimeException e) {
            LOG.error("{} failed", method, e);
            response = io.borealis.api.rpc.Responses.error(ResponseCode.ERROR,
                    method + " failed inside the scheduler: " + e);
        }
        return response.setServerInfo(new ServerInfo().setClusterName(cluster));
    }

    static ResponseCode code(ErrorCode code) {
        return switch (code) {
            // Aurora answers a quota refusal with INVALID_REQUEST too: the caller must change
            // the request (or its quota) before trying again.
            case INVALID_REQUEST, JOB_NOT_FOUND, JOB_EXISTS, INSUFFICIENT_QUOTA ->
                    ResponseCode.INVALID_REQUEST;
            case INTERNAL -> ResponseCode.ERROR;
        };
    }

    /**
     * A role the caller names on its own, checked by the job key rule
     * ({@link io.borealis.api.model.JobKey#checkRole}).
     *
     * @throws PlatformException INVALID_REQUEST naming the role and the rule
     */
    public static String role(String role) {
        if (role == null) {
            throw PlatformException.invalid("role is missing");
        }
        try {
            return io.borealis.api.model.JobKey.checkRole(role);
        } catch (IllegalArgumentException e) {
            throw PlatformException.invalid(e.getMessage());
        }
    }

    /**
     * Converts caller input, turning the model's refusals (null or malformed fields) into
     * INVALID_REQUEST: {@code invalid WHAT: DETAIL}.
     */
    public static <T> T decode(String what, Supplier<T> conversion) {
        T value;
        try {
            value = conversion.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw PlatformException.invalid("invalid " + what + ": " + e.getMessage());
        }
        if (value == null) {
            throw PlatformException.invalid("invalid " + what + ": missing");
        }
        return value;
    }
}
