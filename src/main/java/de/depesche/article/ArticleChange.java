package de.depesche.article;

import java.time.Instant;

/**
 * That an article changed, for derived data that follows the articles table (a node's search index).
 *
 * @param updatedAt when the article's row was last written ({@link Article#changedAt()}), the feed's cursor;
 *                  later than {@link Article#updatedAt()} for imports and for renamed authors or categories
 */
public record ArticleChange(long articleId, ArticleStatus status, Instant updatedAt) {}
