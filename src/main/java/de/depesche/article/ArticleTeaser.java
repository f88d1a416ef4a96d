package de.depesche.article;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** What lists show of an article: enough for a headline, a lead and a picture, no body. */
public record ArticleTeaser(long id, String title, String slug, @Nullable String dateline, String lead,
                            ArticleStatus status, long authorId, @Nullable Instant publishAt,
                            @Nullable Instant publishedAt, Instant updatedAt, List<Category> categories,
                            @Nullable FeaturedImage image) {

    public ArticleTeaser {
        categories = List.copyOf(categories);
    }

    public String path() {
        return "/" + slug;
    }
}
