package de.depesche.subscription;

/**
 * Checks a saved search's query before it is stored, and decides whether an article matches it.
 * Provided by the search module's adapter so that saved searches understand the same syntax as /suche.
 */
public interface SavedSearchCheck {

    /** @throws de.depesche.site.InvalidInput when the query cannot be understood */
    void verify(String query);
}
