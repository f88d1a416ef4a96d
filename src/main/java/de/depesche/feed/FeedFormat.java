package de.depesche.feed;

/** The formats every feed is offered in; one feed's addresses differ only by a suffix. */
public enum FeedFormat {

    RSS("application/rss+xml", ""),
    ATOM("application/atom+xml", "/atom"),
    JSON("application/feed+json", ".json");

    private final String mediaType;
    private final String suffix;

    FeedFormat(String mediaType, String suffix) {
        this.mediaType = mediaType;
        this.suffix = suffix;
    }

    /** The media type without parameters, for {@code <link rel="alternate" type="…">}. */
    public String mediaType() {
        return mediaType;
    }

    /** The address of a feed in this format, from its RSS address: {@code /feed} → {@code /feed/atom}, {@code /feed.json}. */
    public String path(String rssPath) {
        return rssPath + suffix;
    }
}
