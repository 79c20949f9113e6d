package io.borealis.scheduler.auth;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.hash.HashCode;
import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import org.apache.shiro.authc.AuthenticationInfo;
import org.apache.shiro.authc.AuthenticationToken;
import org.apache.shiro.authc.credential.PasswordMatcher;

/**
 * Shiro's {@link PasswordMatcher} (passwords stored as {@code $shiro2$} hashes, checked by
 * {@code DefaultPasswordService}), remembering successful checks for a few minutes.
 *
 * <p>Why: HTTP Basic sends the password with every call and Argon2id is slow on purpose (tens of
 * milliseconds and megabytes of memory per check); without a memory, authentication would bound
 * the API to a few dozen calls per second per core. What is remembered is an HMAC, under a key
 * drawn at startup and never written anywhere, of the stored hash and the submitted password:
 * neither the password nor anything that can be checked offline is kept, a changed stored hash
 * (a reloaded INI) matches nothing remembered, and a failed check is never remembered (each
 * wrong password costs a full check; at most two run at once). Thread-safe.
 */
public final class CachingPasswordMatcher extends PasswordMatcher {
    static final Duration REMEMBER = Duration.ofMinutes(5);
    private static final int MAX_REMEMBERED = 10_000;

    /**
     * Full checks running at once. Each Argon2id check of Shiro's defaults takes 64 MiB: a flood
     * of wrong passwords on every Jetty thread would otherwise take gigabytes.
     */
    private static final int CONCURRENT_CHECKS = 2;

    private final Semaphore checks = new Semaphore(CONCURRENT_CHECKS);
    private final HashFunction hmac;
    private final Cache<HashCode, Boolean> verified = CacheBuilder.newBuilder()
            .maximumSize(MAX_REMEMBERED).expireAfterWrite(REMEMBER).build();

    /** Public with no arguments: Shiro's INI {@code [main]} section instantiates it by name. */
    public CachingPasswordMatcher() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.hmac = Hashing.hmacSha256(key);
    }

    @Override
    public boolean doCredentialsMatch(AuthenticationToken token, AuthenticationInfo info) {
        Object stored = info.getCredentials();
        Object submitted = token.getCredentials();
        if (stored == null || submitted == null) {
            return super.doCredentialsMatch(token, info);
        }
        HashCode key = hmac.newHasher()
                .putString(text(stored), StandardCharsets.UTF_8).putByte((byte) 0)
                .putString(text(submitted), StandardCharsets.UTF_8).hash();
        if (verified.getIfPresent(key) != null) {
            return true;
        }
        boolean match;
        checks.acquireUninterruptibly();
        try {
            match = super.doCredentialsMatch(token, info);
        } finally {
            checks.release();
        }
        if (match) {
            verified.put(key, Boolean.TRUE);
        }
        return match;
    }

    private static String text(Object credentials) {
        if (credentials instanceof char[] chars) {
            return new String(chars);
        }
        if (credentials instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return credentials.toString();
    }
}
