package de.depesche.article;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.web.util.HtmlUtils;

/**
 * An article as the newsroom and the reader pages see it.
 *
 * @param dateline     the places of the dateline, e.g. {@code BRÜSSEL / LONDON}; the outlet comes from the settings
 * @param bodyMarkdown what the author wrote
 * @param bodyHtml     the body rendered and sanitised, ready to show
 * @param publishAt    when a scheduled article goes live
 * @param publishedAt  when it first went live
 * @param updatedAt    when the article itself last changed as readers see it (an imported article keeps its old date)
 * @param changedAt    when its row was last written, also for changes elsewhere that its page shows (a renamed
 *                     author or category): the cursor of the change feed that derived data follows
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
        Instant changedAt,
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

    /** The body as readers get it, on the article page and in feeds: the dateline before the first paragraph. */
    public String bodyHtmlWithDateline(String outlet) {
        return withDateline(bodyHtml, dateline, outlet);
    }

    /**
     * Puts the dateline in front of the first paragraph, as newspapers print it:
     * {@code BRÜSSEL / LONDON (Outlet) – Der erste Satz …}
     */
    public static String withDateline(String bodyHtml, @Nullable String places, String outlet) {
        if (places == null || places.isBlank()) {
            return bodyHtml;
        }
        String dateline = "<span class=\"dateline\">" + HtmlUtils.htmlEscape(places.strip(), "UTF-8") + " ("
                + HtmlUtils.htmlEscape(outlet, "UTF-8") + ") –</span> ";
        if (bodyHtml.startsWith("<p>")) {
            return "<p>" + dateline + bodyHtml.substring(3);
        }
        return "<p class=\"dateline-only\">" + dateline + "</p>" + bodyHtml;
    }
}
