package de.depesche.site;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Rendered reader pages in memory, each with the tags of the content it shows; and, whether pages are
 * kept or not, a small memory of each page's validators (ETag and the Last-Modified that went out with
 * it), so that a changed page never goes out with a date its readers already have.
 */
@Component
class PageCache {

    private final Cache<String, CachedPage> pages;
    private final Cache<String, Validator> validators;
    private final boolean enabled;

    PageCache(SiteProperties properties) {
        this.enabled = properties.pageCache().enabled();
        // Bounded by bytes, not by pages: a page with many comments weighs a hundred small ones.
        this.pages = Caffeine.newBuilder()
                .maximumWeight(properties.pageCache().maxBytes().toBytes())
                .weigher((String key, CachedPage page) -> page.weight(key))
                // A safety net only: changes evict pages long before this.
                .expireAfterWrite(30, TimeUnit.MINUTES)
                .build();
        // Outlives evictions on purpose: a page rebuilt with the same bytes keeps its date.
        this.validators = Caffeine.newBuilder()
                .maximumSize(2L * properties.pageCache().maxEntries())
                .expireAfterAccess(1, TimeUnit.DAYS)
                .build();
    }

    /**
     * The Last-Modified of a page just rendered, in epoch milliseconds on whole seconds (HTTP dates have
     * no more): the later of the time its handler marked and the time these bytes were first rendered
     * here. A page whose bytes changed always gets a date later than any it went out with before, even
     * when its marked time went back (the newest article withdrawn) or stayed (a comment approved), so a
     * client that asks with If-Modified-Since alone never gets a 304 for content it has not seen. (HTTP
     * dates count whole seconds: a second version within the same second is dated a second ahead.)
     *
     * @param marked epoch milliseconds the handler marked, or -1
     * @param now    epoch milliseconds now
     */
    long lastModified(String key, String etag, long marked, long now) {
        long markedSeconds = marked < 0 ? -1 : marked / 1000 * 1000;
        long nowSeconds = now / 1000 * 1000;
        return validators.asMap().compute(key, (k, previous) -> {
            if (previous != null && previous.etag().equals(etag)) {
                // The same bytes as before: the same date, whatever the handler marked this time.
                return previous;
            }
            long date = Math.max(markedSeconds, nowSeconds);
            if (previous != null) {
                date = Math.max(date, previous.lastModified() + 1000);
            }
            return new Validator(etag, date);
        }).lastModified();
    }

    /** What went out last with a page: its ETag and its Last-Modified (epoch milliseconds). */
    record Validator(String etag, long lastModified) {}

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

    /** What the kept pages weigh, in bytes (as {@link CachedPage#weight} counts them). */
    long bytes() {
        pages.cleanUp();
        return pages.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
    }

    /**
     * @param body         the page as rendered; for a page with forms, with placeholders instead of form tokens
     * @param gzipped      the whole page gzipped, or empty when too small or when it has fresh parts
     * @param fresh        for pages with form tokens: the page cut at the placeholders, plain and as raw
     *                     DEFLATE pieces, so that each delivery gets new tokens without compressing again
     * @param etag         the weak ETag of the rendered bytes (pages with forms add the token period when served)
     * @param lastModified epoch milliseconds on whole seconds, see {@link #lastModified}
     * @param headers      response headers to replay (content type, language, security headers)
     */
    record CachedPage(byte[] body, byte[] gzipped, FreshParts fresh, String etag, long lastModified,
                      List<Map.Entry<String, String>> headers, Set<String> tags) {

        /** Roughly the memory this page takes in the cache: its copies, its headers and tags, its key. */
        int weight(String key) {
            long bytes = 200L + 2L * key.length() + body.length + gzipped.length + etag.length();
            for (byte[] piece : fresh.plain()) {
                bytes += piece.length + 16;
            }
            for (byte[] piece : fresh.deflated()) {
                bytes += piece.length + 16;
            }
            for (Map.Entry<String, String> h : headers) {
                bytes += 48 + 2L * (h.getKey().length() + h.getValue().length());
            }
            for (String tag : tags) {
                bytes += 40 + 2L * tag.length();
            }
            return (int) Math.min(Integer.MAX_VALUE, bytes);
        }
    }

    /** A page cut at its form-token placeholders; empty when the page has none. */
    record FreshParts(List<byte[]> plain, List<byte[]> deflated) {
        static final FreshParts NONE = new FreshParts(List.of(), List.of());

        boolean present() {
            return !plain.isEmpty();
        }
    }
}
