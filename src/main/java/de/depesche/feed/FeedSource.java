package de.depesche.feed;

import java.util.Optional;

/**
 * A feed another module contributes at {@code /feed/<kind>/<key>} (RSS), {@code /feed/<kind>/<key>/atom}
 * and {@code /feed/<kind>/<key>.json}, for example personal subscription feeds at
 * {@code /feed/abo/<token>}. Declare an implementation as a bean; the feed module writes what it
 * returns in every format, with conditional GET. Build entries for articles with
 * {@link FeedManagement#articleEntries}, so that they look like the site's own feeds.
 */
public interface FeedSource {

    /** The path segment after {@code /feed/}: lowercase letters, digits and hyphens, e.g. {@code abo}. */
    String kind();

    /**
     * The feed for a key from the URL, or empty when there is none (answered with 404). The key has
     * already been checked to be 1–200 characters of {@code A–Z a–z 0–9 _ -}; it is still untrusted
     * input. Set {@link FeedContent#selfPath} to {@code /feed/<kind>/<key>}.
     */
    Optional<FeedContent> feed(String key);
}
