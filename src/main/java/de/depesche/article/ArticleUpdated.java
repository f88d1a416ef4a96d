package de.depesche.article;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A saved change to an article.
 *
 * @param published    whether readers see the article (and so the change)
 * @param previousSlug the slug before this change when the change gave the article a new one (the old
 *                     address then redirects), else null
 */
public record ArticleUpdated(long articleId, String slug, Instant updatedAt, boolean published, @Nullable String previousSlug) {}
