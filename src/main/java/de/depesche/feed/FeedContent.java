package de.depesche.feed;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A feed, independent of the format it is written in: the feed module writes any FeedContent as
 * RSS 2.0, Atom 1.0 and JSON Feed 1.1.
 *
 * @param title       plain text
 * @param description one line about the feed, plain text
 * @param selfPath    the feed's own address, the RSS one (e.g. {@code /feed/abo/<token>}); the Atom and
 *                    JSON Feed addresses follow from it ({@link FeedFormat#path})
 * @param homePath    the page the feed belongs to: absolute, or a path on this site
 * @param updated     when the feed last changed; null means: the newest change among its entries
 * @param entries     newest first
 * @param cacheTags   the content the feed shows, for the page cache ({@code list}, {@code article:42}, …);
 *                    empty for a private feed, which is then rendered on every request, never stored
 *                    in a shared cache and marked {@code noindex}
 */
public record FeedContent(String title, String description, String selfPath, String homePath,
                          @Nullable Instant updated, List<FeedEntry> entries, Set<String> cacheTags) {

    public FeedContent {
        if (!selfPath.startsWith("/")) {
            throw new IllegalArgumentException("selfPath must be a path on this site: " + selfPath);
        }
        entries = List.copyOf(entries);
        cacheTags = Set.copyOf(cacheTags);
    }

    /** The time the feed says it was updated: the given one, else its newest entry's change, else the epoch. */
    public Instant lastChange() {
        if (updated != null) {
            return updated;
        }
        return entries.stream().map(FeedEntry::lastChange).max(Instant::compareTo).orElse(Instant.EPOCH);
    }

    /** Whether the page cache and CDNs may keep this feed (public feeds), or it is private to one reader. */
    public boolean isPublic() {
        return !cacheTags.isEmpty();
    }
}
