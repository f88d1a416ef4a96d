package de.depesche.account;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param admin first admin created on an empty database
 * @param login limits on failed sign-ins
 */
@ConfigurationProperties("depesche")
public record AccountProperties(@DefaultValue Admin admin, @DefaultValue Login login) {

    /**
     * @param email    DEPESCHE_ADMIN_EMAIL
     * @param password DEPESCHE_ADMIN_PASSWORD; generated and printed once when empty
     * @param apiToken DEPESCHE_ADMIN_API_TOKEN; registered for the first admin when given
     */
    public record Admin(@DefaultValue("admin@depesche.local") String email,
                        @Nullable String password,
                        @Nullable String apiToken) {}

    /**
     * @param maxFailures failed attempts per account and per network before sign-in pauses
     * @param window      how long failures count and how long the pause lasts
     * @param sessionMaxLifetime how long a newsroom session lasts at most from sign-in, in use or not
     *                           (the idle timeout is spring.session.timeout)
     */
    public record Login(@DefaultValue("5") int maxFailures, @DefaultValue("15m") Duration window,
                        @DefaultValue("12h") Duration sessionMaxLifetime) {}
}
