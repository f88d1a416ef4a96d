/**
 * Publishing: articles with datelines, slugs and their history, categories, tags, featured images,
 * revisions and the draft → scheduled → published → unpublished workflow, plus the reader pages that
 * list and show articles. Owns the tables article*, category, tag, media_*.
 * Publishes {@link de.depesche.article.ArticlePublished}, {@link de.depesche.article.ArticleUpdated}
 * and {@link de.depesche.article.ArticleWithdrawn}.
 */
@NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Publishing")
package de.depesche.article;

import org.jspecify.annotations.NullMarked;
