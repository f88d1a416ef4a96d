package de.depesche.article;

import java.time.Instant;

/**
 * A saved change to an article.
 *
 * @param published whether readers see the article (and so the change)
 */
public record ArticleUpdated(long articleId, String slug, Instant updatedAt, boolean published) {}
