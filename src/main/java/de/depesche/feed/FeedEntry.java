package de.depesche.feed;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One item of a feed, independent of the format it is written in.
 *
 * @param id        stable for the life of the item, never reused (an IRI such as a {@code tag:} URI);
 *                  feed readers use it to tell new items from seen ones
 * @param url       where the item can be read: absolute, or a path on this site starting with a slash
 * @param title     plain text
 * @param html      the full content as sanitised HTML, or null for an excerpt-only item; paths on this
 *                  site in {@code href} and {@code src} are made absolute when the feed is written
 * @param summary   a plain-text excerpt, or null
 * @param published when the item first appeared
 * @param updated   when it last changed in a way readers see, or null when never
 * @param author    the author's display name, or null
 */
public record FeedEntry(String id, String url, String title, @Nullable String html, @Nullable String summary,
                        Instant published, @Nullable Instant updated, @Nullable String author) {

    public FeedEntry {
        if (id.isBlank() || url.isBlank()) {
            throw new IllegalArgumentException("a feed entry needs an id and a url");
        }
        if (html == null && summary == null) {
            throw new IllegalArgumentException("a feed entry needs content: html, a summary or both");
        }
    }

    /** When the item last changed, or when it appeared if it never changed. */
    public Instant lastChange() {
        return updated != null && updated.isAfter(published) ? updated : published;
    }
}
