package de.depesche.article;

import java.time.Instant;

/** An article published elsewhere before was taken over with its original date; derived data must learn of it, readers need no notice. */
public record ArticleImported(long articleId, String slug, Instant publishedAt) {}
