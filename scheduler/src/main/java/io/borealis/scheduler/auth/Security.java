package io.borealis.scheduler.auth;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.shiro.authc.AuthenticationException;
import org.apache.shiro.authc.UsernamePasswordToken;
import org.apache.shiro.config.Ini;
import org.apache.shiro.ini.IniSecurityManagerFactory;
import org.apache.shiro.mgt.DefaultSecurityManager;
import org.apache.shiro.mgt.DefaultSessionStorageEvaluator;
import org.apache.shiro.mgt.DefaultSubjectDAO;
import org.apache.shiro.mgt.SecurityManager;
import org.apache.shiro.subject.Subject;
import org.jspecify.annotations.Nullable;

/**
 * Authentication with Apache Shiro: the scheduler's {@code SecurityManager} built from an INI
 * file, and HTTP Basic credentials turned into a {@link Caller}.
 *
 * <p>The INI file is Shiro's: {@code [users]} {@code name = "$shiro2$HASH", role, ...} (a password
 * in clear stops startup: store its hash, {@code borealis-admin hash_password}), {@code [roles]}
 * {@code role = permission, ...}, and {@code [main]} for other realms (e.g. an LDAP realm) and
 * settings. Unless {@code [main]} says otherwise, the implicit {@code iniRealm} checks passwords
 * with {@link CachingPasswordMatcher} and compares permissions case-sensitively, so that
 * {@code thrift.SchedulerManager:*:www-data} does not allow role {@code WWW-DATA}. No session is
 * ever created: every request authenticates. Thread-safe.
 */
public final class Security {
    private static final String HASH_PREFIX = "$shiro2$";

    private final @Nullable SecurityManager manager;
    private final String source;

    private Security(@Nullable SecurityManager manager, String source) {
        this.manager = manager;
        this.source = source;
    }

    /** No security: every caller is {@link Caller#OPEN}. */
    public static Security open() {
        return new Security(null, "none");
    }

    /**
     * The security an INI file describes.
     *
     * @throws IllegalArgumentException naming the file and every problem in it: unreadable, a
     *     password in clear, no user and no realm, or a definition Shiro refuses
     */
    public static Security fromIni(Path file) {
        requireNonNull(file, "file is null");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read Shiro INI file " + file + ": " + e);
        }
        Ini ini = new Ini();
        try {
            ini.load(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Shiro INI file " + file + ": " + e.getMessage());
        }
        List<String> problems = problems(ini);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Shiro INI file " + file + ": "
                    + String.join("; ", problems));
        }
        withDefaults(ini);
        SecurityManager manager;
        try {
            manager = new IniSecurityManagerFactory(ini).getInstance();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Shiro INI file " + file + ": " + e.getMessage()
                    + (e.getCause() != null ? " (" + e.getCause().getMessage() + ")" : ""), e);
        }
        if (manager instanceof DefaultSecurityManager dsm
                && dsm.getSubjectDAO() instanceof DefaultSubjectDAO dao
                && dao.getSessionStorageEvaluator() instanceof DefaultSessionStorageEvaluator e) {
            e.setSessionStorageEnabled(false);
        }
        return new Security(manager, file.toString());
    }

    /** Passwords stored in clear, and an INI that defines nobody. */
    static List<String> problems(Ini ini) {
        List<String> problems = new ArrayList<>();
        Ini.Section users = ini.getSection("users");
        Ini.Section main = ini.getSection(IniSecurityManagerFactory.MAIN_SECTION_NAME);
        if ((users == null || users.isEmpty()) && (main == null || main.isEmpty())) {
            problems.add("it defines no [users] and no realm in [main]");
        }
        if (users != null) {
            for (Map.Entry<String, String> user : users.entrySet()) {
                String value = user.getValue().trim();
                if (value.startsWith(HASH_PREFIX) && value.split(",", 2)[0].contains("$v=")) {
                    // Argon2's parameters hold commas, which Shiro reads as role separators.
                    problems.add("user '" + user.getKey() + "': put the password hash in double "
                            + "quotes (name = \"$shiro2$...\", role, ...)");
                    continue;
                }
                String password = value.startsWith("\"")
                        ? value.substring(1) : value.split(",", 2)[0].trim();
                if (!password.startsWith(HASH_PREFIX)) {
                    problems.add("user '" + user.getKey() + "' has a password in clear; store "
                            + "its hash instead (borealis-admin hash_password)");
                }
            }
        }
        return problems;
    }

    /** Hashed passwords and case-sensitive permissions for the implicit realm, unless set. */
    private static void withDefaults(Ini ini) {
        Ini.Section main = ini.getSection(IniSecurityManagerFactory.MAIN_SECTION_NAME);
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("borealisPasswordMatcher", CachingPasswordMatcher.class.getName());
        defaults.put("borealisPermissionResolver",
                org.apache.shiro.authz.permission.WildcardPermissionResolver.class.getName());
        defaults.put("borealisPermissionResolver.caseSensitive", "true");
        if (ini.getSection("users") != null || ini.getSection("roles") != null) {
            defaults.put("iniRealm.credentialsMatcher", "$borealisPasswordMatcher");
            defaults.put("iniRealm.permissionResolver", "$borealisPermissionResolver");
        }
        Ini.Section merged = ini.addSection(IniSecurityManagerFactory.MAIN_SECTION_NAME);
        // The file's own definitions come after ours, in their order (later lines may refer to
        // earlier ones), and win where both set a key.
        Map<String, String> own = main == null ? Map.of() : new LinkedHashMap<>(main);
        merged.clear();
        defaults.forEach((key, value) -> {
            if (!own.containsKey(key)) {
                merged.put(key, value);
            }
        });
        own.forEach(merged::put);
    }

    /** True when an INI file is in force; false for {@link #open}. */
    public boolean enabled() {
        return manager != null;
    }

    /** Where the users come from, for the startup line: the INI file, or {@code none}. */
    public String source() {
        return source;
    }

    /**
     * Authenticates the value of an HTTP {@code Authorization} header.
     *
     * @return {@link Caller#OPEN} when security is off; the logged-in caller; or a failure
     *     naming why (no credentials, not Basic, malformed, wrong user or password)
     */
    public Authentication authenticate(@Nullable String authorization) {
        if (manager == null) {
            return Authentication.ok(Caller.OPEN);
        }
        if (authorization == null || authorization.isBlank()) {
            return Authentication.failed(null, "no credentials (HTTP Basic required)");
        }
        if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Authentication.failed(null, "only HTTP Basic credentials are accepted");
        }
        String pair;
        try {
            pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Authentication.failed(null, "malformed Basic credentials");
        }
        int colon = pair.indexOf(':');
        if (colon <= 0) {
            return Authentication.failed(null, "malformed Basic credentials");
        }
        String user = pair.substring(0, colon);
        Subject subject = new Subject.Builder(manager).sessionCreationEnabled(false)
                .buildSubject();
        try {
            subject.login(new UsernamePasswordToken(user, pair.substring(colon + 1)));
        } catch (AuthenticationException e) {
            return Authentication.failed(user, "wrong user name or password");
        }
        return Authentication.ok(Caller.authenticated(user, subject));
    }

    /**
     * What {@link #authenticate} found: a caller, or why there is none (and the user name
     * claimed, when one was).
     */
    public record Authentication(@Nullable Caller caller, @Nullable String claimedUser,
            @Nullable String failure) {
        static Authentication ok(Caller caller) {
            return new Authentication(caller, null, null);
        }

        static Authentication failed(@Nullable String claimedUser, String failure) {
            return new Authentication(null, claimedUser, failure);
        }
    }
}
