package de.depesche.article;

import java.time.Instant;

/** That an article changed, for derived data that follows the articles table (a node's search index). */
public record ArticleChange(long articleId, ArticleStatus status, Instant updatedAt) {}
