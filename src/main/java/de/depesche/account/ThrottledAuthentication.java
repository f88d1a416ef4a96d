package de.depesche.account;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Checks the sign-in throttle where the password is checked, so that every request that reaches the
 * password check is counted and paused, whatever spelling of the sign-in path it came by.
 */
final class ThrottledAuthentication implements AuthenticationProvider {

    /** Sign-in refused before the password was looked at: too many failures for this account or network. */
    static final class SignInPaused extends AuthenticationException {
        SignInPaused() {
            super("sign-in paused after too many failures");
        }
    }

    private final AuthenticationProvider passwords;
    private final LoginThrottle throttle;

    ThrottledAuthentication(AuthenticationProvider passwords, LoginThrottle throttle) {
        this.passwords = passwords;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String email = String.valueOf(authentication.getName());
        String network = LoginThrottle.network(remoteAddress(authentication));
        if (throttle.blocked(email, network)) {
            throw new SignInPaused();
        }
        try {
            Authentication done = passwords.authenticate(authentication);
            throttle.succeeded(email);
            return done;
        } catch (BadCredentialsException e) {
            throttle.failed(email, network);
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static String remoteAddress(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails details && details.getRemoteAddress() != null
                ? details.getRemoteAddress() : "unknown";
    }
}
