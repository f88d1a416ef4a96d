package de.depesche.article;

import java.time.Instant;

/** An article went live, now or by schedule. */
public record ArticlePublished(long articleId, String slug, Instant publishedAt) {}
