package de.depesche.article.web;

import java.time.Instant;
import java.util.List;

import de.depesche.account.StaffMember;
import de.depesche.article.Article;
import de.depesche.article.Category;
import de.depesche.article.Tag;
import de.depesche.site.SiteProperties;
import org.jspecify.annotations.Nullable;

/** An article in the JSON API. {@code dateline} holds the places only, e.g. {@code "BRÜSSEL / LONDON"}. */
record ArticleJson(long id, String title, String slug, String url, @Nullable String dateline, String lead, String body,
                   List<String> categories, List<String> tags, String status, @Nullable Instant publishedAt,
                   @Nullable Instant publishAt, Instant updatedAt, Author author, @Nullable String seoTitle,
                   @Nullable String seoDescription, @Nullable Image image, int version) {

    record Author(long id, String name) {}

    record Image(long id, String url, String caption, String credit) {}

    static ArticleJson of(Article a, @Nullable StaffMember author, SiteProperties site) {
        return new ArticleJson(a.id(), a.title(), a.slug(), site.url(a.path()), a.dateline(), a.lead(), a.bodyMarkdown(),
                a.categories().stream().map(Category::slug).toList(), a.tags().stream().map(Tag::name).toList(),
                a.status().apiName(), a.publishedAt(), a.publishAt(), a.updatedAt(),
                new Author(a.authorId(), author == null ? "" : author.displayName()), a.seoTitle(), a.seoDescription(),
                a.image() == null ? null : new Image(a.image().id(), site.url(a.image().largestUrl()),
                        a.image().caption(), a.image().credit()),
                a.version());
    }
}
