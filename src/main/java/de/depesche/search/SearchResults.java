package de.depesche.search;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of search results.
 *
 * @param totalIsLowerBound whether there are at least {@code total} matches (counting stops early for common words)
 * @param suggestion        a corrected query when nothing matched ("Meinten Sie …?"), or null
 */
public record SearchResults(SearchQuery query, List<SearchHit> hits, long total, boolean totalIsLowerBound,
                            @Nullable String suggestion) {

    public SearchResults {
        hits = List.copyOf(hits);
    }

    static SearchResults empty(SearchQuery query, @Nullable String suggestion) {
        return new SearchResults(query, List.of(), 0, false, suggestion);
    }

    public int page() {
        return query.page();
    }

    public int totalPages() {
        return (int) Math.min(SearchQuery.MAX_PAGE, Math.max(1, (total + SearchQuery.PAGE_SIZE - 1) / SearchQuery.PAGE_SIZE));
    }

    public boolean hasPrevious() {
        return page() > 1;
    }

    public boolean hasNext() {
        return page() < totalPages();
    }
}
