/**
 * Who calls: authentication with Apache Shiro and the binding of agents to their credentials.
 *
 * <p>{@link io.borealis.scheduler.auth.Security} builds Shiro's {@code SecurityManager} from the
 * scheduler's INI file ({@code --shiro-ini}): {@code [users]} with passwords stored as
 * {@code $shiro2$} hashes, {@code [roles]} with permissions of the form
 * {@code thrift.SERVICE:METHOD[:ROLE:ENV:JOB]} (spec/http.md), other realms through
 * {@code [main]}. It turns an HTTP {@code Authorization: Basic} header into a
 * {@link io.borealis.scheduler.auth.Caller} (a logged-in Shiro {@code Subject}, no session).
 * {@link io.borealis.scheduler.auth.CallerContext} carries the caller of the call being served on
 * its thread; the Thrift edge ({@code rpc.ApiGuard}) checks its permissions before a handler
 * runs. {@link io.borealis.scheduler.auth.AgentBinding} remembers which principal registered each
 * agent id. Without an INI file the scheduler is open, as before: every call is allowed.
 */
package io.borealis.scheduler.auth;
