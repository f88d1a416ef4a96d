package de.depesche.feed;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param content {@code full}: each article item carries the whole text (with dateline and image);
 *                {@code excerpt}: only the lead, readers follow the link for the rest
 * @param size    how many items a feed shows, newest first (1–100)
 */
@ConfigurationProperties("depesche.feed")
record FeedProperties(@DefaultValue("full") Content content, @DefaultValue("30") int size) {

    enum Content { FULL, EXCERPT }

    FeedProperties {
        if (size < 1 || size > 100) {
            throw new IllegalArgumentException("depesche.feed.size must be between 1 and 100, not " + size);
        }
    }
}
