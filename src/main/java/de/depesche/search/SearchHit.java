package de.depesche.search;

import java.time.Instant;
import java.util.List;

/**
 * One found article. {@code titleHtml} and {@code snippetHtml} are HTML-escaped text in which only the
 * matched words are wrapped in {@code <mark>}; everything else in them is plain text.
 */
public record SearchHit(long articleId, String title, String slug, String titleHtml, String snippetHtml,
                        Instant publishedAt, List<String> categories, float score) {

    public SearchHit {
        categories = List.copyOf(categories);
    }

    public String path() {
        return "/" + slug;
    }
}
