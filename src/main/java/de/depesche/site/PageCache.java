package de.depesche.site;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Rendered reader pages in memory, each with the tags of the content it shows. */
@Component
class PageCache {

    private final Cache<String, CachedPage> pages;
    private final boolean enabled;

    PageCache(SiteProperties properties) {
        this.enabled = properties.pageCache().enabled();
        this.pages = Caffeine.newBuilder()
                .maximumSize(properties.pageCache().maxEntries())
                // A safety net only: changes evict pages long before this.
                .expireAfterWrite(30, TimeUnit.MINUTES)
                .build();
    }

    boolean enabled() {
        return enabled;
    }

    @Nullable CachedPage get(String key) {
        return pages.getIfPresent(key);
    }

    void put(String key, CachedPage page) {
        pages.put(key, page);
    }

    void evict(Set<String> tags) {
        if (tags.contains(SiteChanges.EVERYTHING)) {
            pages.invalidateAll();
            return;
        }
        pages.asMap().entrySet().removeIf(e -> e.getValue().tags().stream().anyMatch(tags::contains));
    }

    long size() {
        pages.cleanUp();
        return pages.estimatedSize();
    }

    /**
     * @param body         the page as rendered; for a page with forms, with placeholders instead of form tokens
     * @param gzipped      the whole page gzipped, or empty when too small or when it has fresh parts
     * @param fresh        for pages with form tokens: the page cut at the placeholders, plain and as raw
     *                     DEFLATE pieces, so that each delivery gets new tokens without compressing again
     * @param lastModified epoch milliseconds, or -1 when the page has no meaningful date
     * @param headers      response headers to replay (content type, language, security headers)
     */
    record CachedPage(byte[] body, byte[] gzipped, FreshParts fresh, String etag, long lastModified,
                      List<Map.Entry<String, String>> headers, Set<String> tags) {}

    /** A page cut at its form-token placeholders; empty when the page has none. */
    record FreshParts(List<byte[]> plain, List<byte[]> deflated) {
        static final FreshParts NONE = new FreshParts(List.of(), List.of());

        boolean present() {
            return !plain.isEmpty();
        }
    }
}
