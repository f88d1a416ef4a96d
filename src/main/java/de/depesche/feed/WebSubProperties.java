package de.depesche.feed;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param hub        the WebSub hub to notify when a feed changes (e.g. {@code https://pubsubhubbub.appspot.com/});
 *                   empty: no pings, and feeds name no hub
 * @param timeout    how long one ping may take, connecting included
 * @param attempts   how often a ping is tried before it is given up (and logged)
 * @param retryDelay the wait before the first retry; it doubles with each further one
 */
@ConfigurationProperties("depesche.websub")
record WebSubProperties(@DefaultValue("") String hub, @DefaultValue("10s") Duration timeout,
                        @DefaultValue("6") int attempts, @DefaultValue("30s") Duration retryDelay) {

    WebSubProperties {
        hub = hub.strip();
        if (!hub.isEmpty()) {
            URI uri;
            try {
                uri = URI.create(hub);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("depesche.websub.hub is not a valid URL: " + hub, e);
            }
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("depesche.websub.hub must be an http or https URL: " + hub);
            }
        }
        if (attempts < 1) {
            throw new IllegalArgumentException("depesche.websub.attempts must be at least 1");
        }
    }

    boolean enabled() {
        return !hub.isEmpty();
    }
}
