package de.depesche.account;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a signed-in session on the first request after its staff member was disabled, got another
 * role, changed the password elsewhere or signed out everywhere (the session version in the database
 * moved on), and after the absolute lifetime since sign-in. Reads the version from the database on
 * every signed-in request (one indexed row), so all nodes agree at once.
 */
public final class SessionGuard extends OncePerRequestFilter {

    static final String VERSION = "depesche.sessionVersion";
    static final String SIGNED_IN_AT = "depesche.signedInAt";

    private static final Logger log = LoggerFactory.getLogger(SessionGuard.class);

    private final AccountManagement accounts;
    private final Duration maxLifetime;
    private final Clock clock;

    SessionGuard(AccountManagement accounts, Duration maxLifetime, Clock clock) {
        this.accounts = accounts;
        this.maxLifetime = maxLifetime;
        this.clock = clock;
    }

    /** Called on sign-in: the session starts with the account's current version. */
    static void started(HttpServletRequest request, AccountManagement accounts, StaffPrincipal who, Clock clock) {
        HttpSession session = request.getSession();
        session.setAttribute(VERSION, accounts.sessionVersion(who.id()));
        session.setAttribute(SIGNED_IN_AT, clock.instant().toEpochMilli());
    }

    /** The session that changed the password stays signed in with the new version. */
    public static void keep(HttpServletRequest request, int version) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.setAttribute(VERSION, version);
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (session != null && authentication != null && authentication.getPrincipal() instanceof StaffPrincipal who
                && !valid(session, who)) {
            log.info("Session of staff {} ended: account changed, signed out everywhere or session too old", who.id());
            session.invalidate();
            SecurityContextHolder.clearContext();
            if (request.getRequestURI().startsWith("/admin")) {
                response.sendRedirect("/admin/login");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private boolean valid(HttpSession session, StaffPrincipal who) {
        if (!(session.getAttribute(VERSION) instanceof Integer version)
                || !(session.getAttribute(SIGNED_IN_AT) instanceof Long signedInAt)) {
            return false;
        }
        if (Instant.ofEpochMilli(signedInAt).plus(maxLifetime).isBefore(clock.instant())) {
            return false;
        }
        int current = accounts.sessionVersion(who.id());
        return current >= 0 && current == version;
    }
}
