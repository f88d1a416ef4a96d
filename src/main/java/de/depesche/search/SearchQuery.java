package de.depesche.search;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * What a reader asks for. {@code text} understands words, {@code "phrases in quotes"}, {@code -excluded}
 * words and a trailing {@code *}; dates are whole days in the site's time zone, both ends included.
 *
 * @param recency whether newer articles get a small lead among equally good matches (editors switch it
 *                off for archive research)
 */
public record SearchQuery(String text, @Nullable String category, @Nullable LocalDate from, @Nullable LocalDate to,
                          SearchSort sort, int page, boolean recency) {

    public static final int PAGE_SIZE = 10;
    /** Deeper pages are refused: nobody reads them and they only cost time. */
    public static final int MAX_PAGE = 100;

    public SearchQuery {
        text = text.strip();
        category = category == null || category.isBlank() ? null : category.strip();
    }

    public static SearchQuery of(String text) {
        return new SearchQuery(text, null, null, null, SearchSort.RELEVANCE, 1, true);
    }

    public SearchQuery withText(String newText) {
        return new SearchQuery(newText, category, from, to, sort, 1, recency);
    }
}
