package de.depesche.search.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import de.depesche.search.SearchQuery;
import de.depesche.search.SearchSort;
import de.depesche.site.InvalidInput;
import org.jspecify.annotations.Nullable;

/**
 * Reads the search parameters as typed in an address (all strings), so that every mistake gets a
 * message that names it instead of a bare "bad request".
 */
final class SearchParameters {

    private SearchParameters() {}

    static SearchQuery read(@Nullable String q, @Nullable String category, @Nullable String from, @Nullable String to,
                            @Nullable String sort, @Nullable String page, boolean archive,
                            String fromField, String toField, String sortField, String pageField) {
        InvalidInput.Collector problems = new InvalidInput.Collector();
        LocalDate fromDay = date(from, fromField, problems);
        LocalDate toDay = date(to, toField, problems);
        if (fromDay != null && toDay != null && fromDay.isAfter(toDay)) {
            problems.add(toField, "search.date.order");
        }
        SearchSort order = SearchSort.RELEVANCE;
        if (sort != null && !sort.isBlank()) {
            order = SearchSort.fromParameter(sort).orElse(null);
            if (order == null) {
                problems.add(sortField, "search.sort.unknown");
                order = SearchSort.RELEVANCE;
            }
        }
        int pageNumber = 1;
        if (page != null && !page.isBlank()) {
            try {
                pageNumber = Integer.parseInt(page.strip());
                if (pageNumber < 1 || pageNumber > SearchQuery.MAX_PAGE) {
                    problems.add(pageField, "search.page.range", SearchQuery.MAX_PAGE);
                    pageNumber = 1;
                }
            } catch (NumberFormatException e) {
                problems.add(pageField, "search.page.range", SearchQuery.MAX_PAGE);
            }
        }
        SearchQuery query = new SearchQuery(q == null ? "" : q, category, fromDay, toDay, order, pageNumber, !archive);
        problems.throwIfAny();
        return query;
    }

    private static @Nullable LocalDate date(@Nullable String value, String field, InvalidInput.Collector problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            LocalDate day = LocalDate.parse(value.strip());
            if (day.getYear() < 1900 || day.getYear() > 2999) {
                problems.add(field, "search.date.invalid");
                return null;
            }
            return day;
        } catch (DateTimeParseException e) {
            problems.add(field, "search.date.invalid");
            return null;
        }
    }
}
