package de.depesche.article;

import java.time.Instant;

/** A published article was taken offline. */
public record ArticleWithdrawn(long articleId, String slug, Instant withdrawnAt) {}
