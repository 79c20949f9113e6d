package io.borealis.scheduler.rpc;

import static java.util.Objects.requireNonNull;

import io.borealis.api.thrift.Response;
import io.borealis.api.thrift.ResponseCode;
import io.borealis.api.thrift.ServerInfo;
import io.borealis.scheduler.audit.AuditEvent;
import io.borealis.scheduler.audit.AuditLog;
import io.borealis.scheduler.auth.AgentBinding;
import io.borealis.scheduler.auth.Caller;
import io.borealis.scheduler.auth.CallerContext;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.thrift.ProcessFunction;
import org.apache.thrift.TApplicationException;
import org.apache.thrift.TBase;
import org.apache.thrift.TBaseProcessor;
import org.apache.thrift.TException;
import org.apache.thrift.TFieldIdEnum;
import org.apache.thrift.TProcessor;
import org.apache.thrift.protocol.TMessage;
import org.apache.thrift.protocol.TMessageType;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.protocol.TProtocolException;
import org.apache.thrift.protocol.TProtocolUtil;
import org.apache.thrift.protocol.TType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one interception point in front of a service's handler: registered in the
 * {@code TMultiplexedProcessor} in place of the generated processor, it reads each call's
 * arguments, asks {@link ApiPermissions} what the call acts on and which permission it needs,
 * checks the caller bound by the HTTP edge ({@link CallerContext}), and only then runs the
 * handler. A refusal is answered as a Thrift {@link Response} with {@code AUTH_FAILED} naming
 * the missing permission (or {@code INVALID_REQUEST} when the target cannot be named); the
 * handler is not called. Writes, agent registrations and every refusal go to the
 * {@link AuditLog}.
 *
 * <p>Built only for a service whose every method has a row in {@link ApiPermissions}: a method
 * without one stops the scheduler at startup. Thread-safe.
 */
public final class ApiGuard<I> implements TProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(ApiGuard.class);

    /**
     * What every guard of one scheduler shares.
     *
     * @param secured whether callers must be authenticated (an INI file is in force); a call
     *     reaching a secured guard without a bound caller is refused
     * @param authorizeReads whether read-only calls need {@code thrift.ReadOnlyScheduler:METHOD}
     */
    public record Policy(boolean secured, boolean authorizeReads, AgentBinding agents,
            AuditLog audit, String cluster) {
        public Policy {
            requireNonNull(agents, "agents is null");
            requireNonNull(audit, "audit is null");
            requireNonNull(cluster, "cluster is null");
        }
    }

    private final String service;
    private final Class<I> iface;
    private final I handler;
    private final Map<String, ProcessFunction<I, ? extends TBase>> functions;
    private final Map<String, ApiPermissions.Rule> rules;
    private final Policy policy;

    private ApiGuard(String service, Class<I> iface, I handler, TBaseProcessor<I> processor,
            Policy policy) {
        this.service = service;
        this.iface = iface;
        this.handler = handler;
        this.functions = processor.getProcessMapView();
        this.rules = ApiPermissions.of(service);
        this.policy = policy;
    }

    /**
     * A guard of {@code service} served by {@code handler}.
     *
     * @param processor the generated processor's constructor, e.g.
     *     {@code SchedulerManager.Processor::new}
     * @throws IllegalStateException naming every method without a row in {@link ApiPermissions},
     *     or one not answering a {@link Response}
     */
    public static <I> ApiGuard<I> of(String service, Class<I> iface, I handler,
            Function<I, ? extends TBaseProcessor<I>> processor, Policy policy) {
        requireNonNull(service, "service is null");
        requireNonNull(handler, "handler is null");
        requireNonNull(policy, "policy is null");
        TBaseProcessor<I> generated = processor.apply(handler);
        Set<String> missing = unruled(service, generated);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("no authorization rule for " + service + " method(s) "
                    + missing + " (add them to ApiPermissions)");
        }
        for (Method method : iface.getMethods()) {
            if (method.getReturnType() != Response.class) {
                throw new IllegalStateException(service + "." + method.getName()
                        + " does not answer a Response");
            }
        }
        return new ApiGuard<>(service, iface, handler, generated, policy);
    }

    /** The methods of {@code processor} that {@link ApiPermissions} has no row for. */
    public static Set<String> unruled(String service, TBaseProcessor<?> processor) {
        Set<String> missing = new TreeSet<>(processor.getProcessMapView().keySet());
        missing.removeAll(ApiPermissions.of(service).keySet());
        return missing;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void process(TProtocol in, TProtocol out) throws TException {
        TMessage message = in.readMessageBegin();
        ProcessFunction<I, TBase> function = (ProcessFunction<I, TBase>) functions.get(message.name);
        if (function == null) {
            TProtocolUtil.skip(in, TType.STRUCT);
            in.readMessageEnd();
            fail(out, message, TApplicationException.UNKNOWN_METHOD,
                    "Invalid method name: '" + message.name + "'");
            return;
        }
        TBase args = function.getEmptyArgsInstance();
        try {
            args.read(in);
        } catch (TProtocolException e) {
            in.readMessageEnd();
            fail(out, message, TApplicationException.PROTOCOL_ERROR, e.getMessage());
            return;
        }
        in.readMessageEnd();
        TBase result = call(rules.get(message.name), function, args);
        out.writeMessageBegin(new TMessage(message.name, TMessageType.REPLY, message.seqid));
        result.write(out);
        out.writeMessageEnd();
        out.getTransport().flush();
    }

    private TBase<?, ?> call(ApiPermissions.Rule rule, ProcessFunction<I, TBase> function,
            TBase<?, ?> args) throws TException {
        Caller bound = CallerContext.current();
        ApiPermissions.Target target;
        try {
            target = rule.target().apply(args);
        } catch (RuntimeException e) {
            target = ApiPermissions.Target.invalid("malformed arguments: " + e.getMessage());
        }
        Response refusal = refusal(rule, bound, target);
        // Past the refusal, an unbound caller is the open one (security off, in-process calls).
        Caller caller = bound == null ? Caller.OPEN : bound;
        if (refusal != null) {
            return function.getResult(answering(refusal), args);
        }
        TBase<?, ?> result;
        try {
            result = function.getResult(handler, args);
        } catch (TException | RuntimeException e) {
            // Handlers answer failures with a Response; this is a bug, said once, in the audit too.
            LOG.error("{}.{} failed", service, rule.method(), e);
            audit(caller, rule, target, AuditEvent.ERROR, e.toString());
            throw e;
        }
        Response response = response(result);
        ResponseCode code = response == null ? ResponseCode.ERROR : response.getResponseCode();
        if (rule.kind() == ApiPermissions.Kind.AGENT && code == ResponseCode.OK
                && rule.method().equals("registerAgent") && caller.principal() != null
                && !policy.agents().bind(target.scope(), caller.principal())) {
            // Lost a race with another principal registering the same id at the same moment.
            LOG.warn("agent {} was registered by another principal meanwhile", target.scope());
        }
        boolean audited = switch (rule.kind()) {
            case WRITE -> true;
            // Heartbeats come every 2 s from every agent: only registrations and failures.
            case AGENT -> code != ResponseCode.OK || rule.method().equals("registerAgent");
            case READ -> false;
        };
        if (audited) {
            audit(caller, rule, target, outcome(code),
                    code == ResponseCode.OK ? null : io.borealis.api.rpc.Responses.message(response));
        }
        return result;
    }

    /** Why the call may not run, as the Response to answer; null when it may. */
    private @Nullable Response refusal(ApiPermissions.Rule rule, @Nullable Caller caller,
            ApiPermissions.Target target) {
        if (caller == null && policy.secured()) {
            return refuse(Caller.OPEN, rule, target, ResponseCode.AUTH_FAILED,
                    "not authenticated");
        }
        Caller who = caller == null ? Caller.OPEN : caller;
        if (target.invalid() != null) {
            return refuse(who, rule, target, ResponseCode.INVALID_REQUEST, target.invalid());
        }
        boolean checked = rule.kind() != ApiPermissions.Kind.READ || policy.authorizeReads();
        String permission = rule.permission(target);
        if (checked && !who.isPermitted(permission)) {
            return refuse(who, rule, target, ResponseCode.AUTH_FAILED,
                    who.name() + " is not permitted to call " + service + "." + rule.method()
                            + (target.display().isEmpty() ? "" : " on " + target.display())
                            + ": missing permission " + permission);
        }
        if (rule.kind() == ApiPermissions.Kind.AGENT && who.principal() != null) {
            String bound = policy.agents().refusal(target.scope(), who.principal());
            if (bound != null) {
                return refuse(who, rule, target, ResponseCode.AUTH_FAILED, bound);
            }
        }
        return null;
    }

    private Response refuse(Caller caller, ApiPermissions.Rule rule, ApiPermissions.Target target,
            ResponseCode code, String reason) {
        audit(caller, rule, target, code == ResponseCode.AUTH_FAILED ? AuditEvent.REFUSED
                : AuditEvent.INVALID, reason);
        LOG.info("refused {}.{} from {}: {}", service, rule.method(), caller.name(), reason);
        return io.borealis.api.rpc.Responses.error(code, reason)
                .setServerInfo(new ServerInfo().setClusterName(policy.cluster()));
    }

    private void audit(Caller caller, ApiPermissions.Rule rule, ApiPermissions.Target target,
            String outcome, @Nullable String reason) {
        policy.audit().record(AuditEvent.at(policy.audit().clock().instant(), caller.name(),
                caller.principal() != null, service + "." + rule.method(), target.display(),
                target.details(), outcome, reason, CallerContext.remote()));
    }

    private static String outcome(ResponseCode code) {
        return switch (code) {
            case OK, WARNING -> AuditEvent.OK;
            case AUTH_FAILED -> AuditEvent.REFUSED;
            case INVALID_REQUEST -> AuditEvent.INVALID;
            case ERROR, ERROR_TRANSIENT, NOT_LEADER -> AuditEvent.ERROR;
        };
    }

    /** The {@code success} field of a generated {@code METHOD_result}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static @Nullable Response response(TBase result) {
        TFieldIdEnum success = result.fieldForId(0);
        return success == null ? null : (Response) result.getFieldValue(success);
    }

    /** A handler of the service answering {@code response} to every call. */
    private I answering(Response response) {
        return iface.cast(Proxy.newProxyInstance(iface.getClassLoader(), new Class<?>[] {iface},
                (proxy, method, arguments) -> method.getDeclaringClass() == Object.class
                        ? method.invoke(this, arguments) : response.deepCopy()));
    }

    private static void fail(TProtocol out, TMessage message, int type, String text)
            throws TException {
        out.writeMessageBegin(new TMessage(message.name, TMessageType.EXCEPTION, message.seqid));
        new TApplicationException(type, text).write(out);
        out.writeMessageEnd();
        out.getTransport().flush();
    }
}
