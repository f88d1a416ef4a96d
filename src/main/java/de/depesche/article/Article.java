package de.depesche.article;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An article as the newsroom and the reader pages see it.
 *
 * @param dateline     the places of the dateline, e.g. {@code BRÜSSEL / LONDON}; the outlet comes from the settings
 * @param bodyMarkdown what the author wrote
 * @param bodyHtml     the body rendered and sanitised, ready to show
 * @param publishAt    when a scheduled article goes live
 * @param publishedAt  when it first went live
 * @param updatedAt    when anything readers see last changed
 * @param version      increases with every save; guards against two editors overwriting each other
 */
public record Article(
        long id,
        String title,
        String slug,
        @Nullable String dateline,
        String lead,
        String bodyMarkdown,
        String bodyHtml,
        ArticleStatus status,
        long authorId,
        @Nullable Instant publishAt,
        @Nullable Instant publishedAt,
        Instant updatedAt,
        Instant createdAt,
        List<Category> categories,
        List<Tag> tags,
        @Nullable String seoTitle,
        @Nullable String seoDescription,
        @Nullable FeaturedImage image,
        int version) {

    public Article {
        categories = List.copyOf(categories);
        tags = List.copyOf(tags);
    }

    public boolean isPublished() {
        return status == ArticleStatus.PUBLISHED;
    }

    public String path() {
        return "/" + slug;
    }

    /** The time readers see as the article's date. */
    public Instant displayDate() {
        return publishedAt != null ? publishedAt : publishAt != null ? publishAt : createdAt;
    }
}
