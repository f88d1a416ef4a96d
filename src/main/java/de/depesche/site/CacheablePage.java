package de.depesche.site;

import java.time.Instant;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;

/**
 * A reader page handler marks its response as cacheable with the tags of the content it shows; the
 * page cache keeps the rendered bytes until a {@link SiteChanges change} with one of those tags.
 * Pages that are not marked are rendered every time.
 */
public final class CacheablePage {

    static final String ATTRIBUTE = CacheablePage.class.getName();

    private CacheablePage() {}

    public static void mark(HttpServletRequest request, @Nullable Instant lastModified, String... tags) {
        request.setAttribute(ATTRIBUTE, new Mark(lastModified, Set.of(tags)));
    }

    record Mark(@Nullable Instant lastModified, Set<String> tags) {}
}
