package de.depesche.site;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Operator settings that are fixed for the life of a process (environment variables or
 * {@code application.properties}); editorial settings that change at run time are {@link SiteSettings}.
 *
 * @param dataDir   where the embedded database, the search index, uploaded media and the mail outbox live
 * @param baseUrl   the public address of the site, used for canonical links, feeds and mails
 * @param timeZone  the newsroom's time zone: dates on pages, schedule times in the editor
 * @param pageCache the in-memory cache of rendered reader pages
 */
@ConfigurationProperties("depesche")
public record SiteProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("http://localhost:8080") String baseUrl,
        @DefaultValue("Europe/Berlin") java.time.ZoneId timeZone,
        @DefaultValue PageCacheProperties pageCache) {

    public SiteProperties {
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** An absolute URL on this site for a path that starts with a slash. */
    public String url(String path) {
        return baseUrl + path;
    }

    /**
     * @param enabled      serve reader pages from memory until a change touches them
     * @param maxBytes     how much memory the rendered pages may take (plain and compressed copies together)
     * @param maxEntries   how many pages' validators (ETag and date) to remember, twice this at most
     * @param maxAge       how long browsers and CDNs may reuse a page without asking again
     * @param pollInterval how often a node reads the change feed that other nodes write
     */
    public record PageCacheProperties(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("64MB") DataSize maxBytes,
            @DefaultValue("5000") int maxEntries,
            @DefaultValue("60s") Duration maxAge,
            @DefaultValue("1s") Duration pollInterval) {}
}
