/**
 * Search and similar news: the Lucene index under {@code <dataDir>/index} (derived from the published
 * articles, kept current by events and a change feed), German analysis, the search page and API.
 * Owns no tables; its public face is {@link de.depesche.search.ArticleSearch} and {@link de.depesche.search.GermanAnalysis}.
 */
@NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Search")
package de.depesche.search;

import org.jspecify.annotations.NullMarked;
