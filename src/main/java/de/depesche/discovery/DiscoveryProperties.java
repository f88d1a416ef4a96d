package de.depesche.discovery;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Operator settings of the discovery module. */
final class DiscoveryProperties {

    private DiscoveryProperties() {}

    /**
     * @param enabled       whether article changes are announced at all
     * @param key           the IndexNow key; empty means one is generated on first use and kept in the database
     * @param endpoint      where announcements go (any IndexNow engine shares them with the others)
     * @param batchInterval how long changes are collected before one request announces them together
     * @param retryBackoff  the first wait after a failed announcement; it doubles with every further failure
     * @param maxAttempts   failed tries after which an address is given up (and logged)
     * @param timeout       how long one announcement may take
     */
    @ConfigurationProperties("depesche.indexnow")
    record IndexNow(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("") String key,
            @DefaultValue("https://api.indexnow.org/indexnow") String endpoint,
            @DefaultValue("5s") Duration batchInterval,
            @DefaultValue("1m") Duration retryBackoff,
            @DefaultValue("8") int maxAttempts,
            @DefaultValue("10s") Duration timeout) {}

    /** @param pageSize addresses per sitemap; the protocol allows 50,000 */
    @ConfigurationProperties("depesche.sitemap")
    record Sitemap(@DefaultValue("50000") int pageSize) {

        Sitemap {
            pageSize = Math.clamp(pageSize, 1, 50_000);
        }
    }
}
