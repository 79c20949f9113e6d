package io.borealis.scheduler.auth;

import static java.util.Objects.requireNonNull;

import io.borealis.api.rpc.RequestBodies;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The scheduler's security settings (scheduler/README.md, "Security").
 *
 * @param shiroIni Shiro INI file of users, roles and realms ({@code --shiro-ini}); null: open,
 *     every caller may do everything (as before this setting existed)
 * @param authorizeReads read-only calls need {@code thrift.ReadOnlyScheduler:METHOD} too
 *     ({@code --authorize-reads}); otherwise any authenticated caller may read
 * @param pagesRequireLogin the web pages need the same login ({@code --pages-require-login})
 * @param auditLog the audit log ({@code --audit-log}); null: {@code HOME/audit.log}
 * @param maxRequestBytes the largest {@code POST /api} body accepted
 *     ({@code --max-request-size}, default 4 MiB)
 */
public record SecurityConfig(@Nullable Path shiroIni, boolean authorizeReads,
        boolean pagesRequireLogin, @Nullable Path auditLog, long maxRequestBytes) {
    public SecurityConfig {
        if (maxRequestBytes < 1024) {
            throw new IllegalArgumentException("max request size must be at least 1k, got "
                    + maxRequestBytes + " bytes");
        }
        if (shiroIni == null && (authorizeReads || pagesRequireLogin)) {
            throw new IllegalArgumentException("--authorize-reads and --pages-require-login "
                    + "need --shiro-ini");
        }
    }

    /** Open, audit log in the home directory, 4 MiB requests. */
    public static SecurityConfig defaults() {
        return new SecurityConfig(null, false, false, null, RequestBodies.DEFAULT_MAX_BYTES);
    }

    /** These settings with users from {@code ini}. */
    public SecurityConfig withShiroIni(Path ini) {
        return new SecurityConfig(requireNonNull(ini, "ini is null"), authorizeReads,
                pagesRequireLogin, auditLog, maxRequestBytes);
    }

    /** The audit log's file for a scheduler whose state is in {@code home}. */
    public Path auditLogIn(Path home) {
        return auditLog != null ? auditLog : home.resolve("audit.log");
    }
}
