package io.borealis.observer.app;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.apache.shiro.authc.AuthenticationException;
import org.apache.shiro.authc.UsernamePasswordToken;
import org.apache.shiro.config.Ini;
import org.apache.shiro.ini.IniSecurityManagerFactory;
import org.apache.shiro.mgt.SecurityManager;
import org.apache.shiro.subject.Subject;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The observer's pages behind the scheduler's login ({@code --shiro-ini}, the same INI file):
 * every request but {@code GET /health} needs HTTP Basic credentials of a user of that file
 * (passwords as {@code $shiro2$} hashes, checked by Shiro's {@code PasswordMatcher}); anyone
 * who logs in may read every page, as with the scheduler's pages. Otherwise 401 with
 * {@code WWW-Authenticate}. No session is kept. Thread-safe.
 */
final class ObserverLogin extends Handler.Wrapper {
    private final SecurityManager manager;

    private ObserverLogin(Handler pages, SecurityManager manager) {
        super(pages);
        this.manager = manager;
    }

    /**
     * {@code pages} behind the users of {@code ini}.
     *
     * @throws IllegalArgumentException naming the file when it cannot be read or Shiro refuses it
     */
    static ObserverLogin of(Handler pages, Path ini) {
        requireNonNull(pages, "pages is null");
        Ini parsed = new Ini();
        try {
            parsed.load(Files.readString(ini, StandardCharsets.UTF_8));
            Ini.Section main = parsed.getSection(IniSecurityManagerFactory.MAIN_SECTION_NAME);
            if (main == null || !main.containsKey("iniRealm.credentialsMatcher")) {
                parsed.setSectionProperty(IniSecurityManagerFactory.MAIN_SECTION_NAME,
                        "borealisPasswordMatcher",
                        org.apache.shiro.authc.credential.PasswordMatcher.class.getName());
                parsed.setSectionProperty(IniSecurityManagerFactory.MAIN_SECTION_NAME,
                        "iniRealm.credentialsMatcher", "$borealisPasswordMatcher");
            }
            return new ObserverLogin(pages, new IniSecurityManagerFactory(parsed).getInstance());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("--shiro-ini " + ini + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback)
            throws Exception {
        if (Request.getPathInContext(request).equals("/health") || loggedIn(request)) {
            return super.handle(request, response, callback);
        }
        response.setStatus(HttpStatus.UNAUTHORIZED_401);
        response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE,
                "Basic realm=\"borealis\", charset=\"UTF-8\"");
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        Content.Sink.write(response, true, "authentication required\n", callback);
        return true;
    }

    private boolean loggedIn(Request request) {
        String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String pair;
        try {
            pair = new String(Base64.getDecoder().decode(header.substring(6).trim()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = pair.indexOf(':');
        if (colon <= 0) {
            return false;
        }
        Subject subject = new Subject.Builder(manager).sessionCreationEnabled(false)
                .buildSubject();
        try {
            subject.login(new UsernamePasswordToken(pair.substring(0, colon),
                    pair.substring(colon + 1)));
            return true;
        } catch (AuthenticationException e) {
            return false;
        }
    }
}
