package de.depesche.article;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What an author submits when creating or saving an article.
 *
 * @param slug       empty to derive it from the title
 * @param categories category slugs; each must exist
 * @param tags       tag names; new ones are created
 */
public record ArticleDraft(
        String title,
        @Nullable String slug,
        @Nullable String dateline,
        String lead,
        String body,
        List<String> categories,
        List<String> tags,
        @Nullable String seoTitle,
        @Nullable String seoDescription,
        @Nullable Long imageId,
        @Nullable String imageCaption,
        @Nullable String imageCredit) {

    public ArticleDraft {
        categories = List.copyOf(categories);
        tags = List.copyOf(tags);
    }
}
