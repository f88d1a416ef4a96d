package de.depesche.feed;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import de.depesche.account.AccountManagement;
import de.depesche.account.StaffMember;
import de.depesche.article.Article;
import de.depesche.article.ArticleManagement;
import de.depesche.article.FeaturedImage;
import de.depesche.comment.Comment;
import de.depesche.site.SiteProperties;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Turns articles and comments into feed items, the same way for every feed: the full text as the
 * article page shows it (dateline, image) or only the lead, as the operator chose.
 */
@Component
class ArticleItems {

    static final int EXCERPT_LENGTH = 300;
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private final ArticleManagement articles;
    private final AccountManagement accounts;
    private final FeedProperties properties;
    private final MessageSource messages;
    /** Authority of the {@code tag:} URIs that identify items: the site's host name. */
    private final String idAuthority;

    ArticleItems(ArticleManagement articles, AccountManagement accounts, FeedProperties properties,
                 MessageSource messages, SiteProperties site) {
        this.articles = articles;
        this.accounts = accounts;
        this.properties = properties;
        this.messages = messages;
        String host = URI.create(site.baseUrl()).getHost();
        this.idAuthority = host == null ? "localhost" : host;
    }

    /** The published articles among the ids, as items, in the given order. */
    List<FeedEntry> of(Collection<Long> articleIds, String outlet, Locale locale) {
        List<Article> found = new ArrayList<>();
        for (long id : articleIds) {
            articles.find(id).filter(Article::isPublished).ifPresent(found::add);
        }
        Map<Long, StaffMember> authors = accounts.findAll(found.stream().map(Article::authorId).distinct().toList());
        List<FeedEntry> entries = new ArrayList<>(found.size());
        for (Article a : found) {
            StaffMember author = authors.get(a.authorId());
            entries.add(entry(a, author == null ? null : author.displayName(), outlet, locale));
        }
        return entries;
    }

    FeedEntry entry(Article a, @org.jspecify.annotations.Nullable String author, String outlet, Locale locale) {
        String html = properties.content() == FeedProperties.Content.FULL
                ? figure(a.image(), locale) + a.bodyHtmlWithDateline(outlet) : null;
        String summary = a.lead().isBlank() ? excerpt(a.bodyHtml()) : a.lead().strip();
        return new FeedEntry(articleId(a.id()), a.path(), a.title(), html, summary,
                a.displayDate(), a.updatedAt(), author);
    }

    FeedEntry entry(Comment c, String articlePath, Locale locale) {
        StringBuilder html = new StringBuilder();
        for (String paragraph : c.paragraphs()) {
            html.append("<p>").append(HtmlUtils.htmlEscape(paragraph, "UTF-8").replace("\n", "<br>")).append("</p>");
        }
        String title = messages.getMessage("feed.comment.title", new Object[] {c.authorName()}, locale);
        return new FeedEntry(commentId(c.id()), articlePath + "#" + c.anchor(), title, html.toString(), null,
                c.createdAt(), c.editedAt(), c.authorName());
    }

    /**
     * The item id of an article: a {@code tag:} URI (RFC 4151) that survives slug changes, unlike
     * the article's address, so that readers do not see a renamed article as new.
     */
    String articleId(long id) {
        return "tag:" + idAuthority + ",2026:artikel/" + id;
    }

    String commentId(long id) {
        return "tag:" + idAuthority + ",2026:kommentar/" + id;
    }

    private String figure(@org.jspecify.annotations.Nullable FeaturedImage image, Locale locale) {
        if (image == null) {
            return "";
        }
        StringBuilder figure = new StringBuilder("<figure><img src=\"").append(image.defaultUrl())
                .append("\" alt=\"").append(HtmlUtils.htmlEscape(image.caption(), "UTF-8")).append("\">");
        String caption = image.caption().strip();
        if (!image.credit().isBlank()) {
            String credit = messages.getMessage("image.credit", new Object[] {image.credit().strip()}, locale);
            caption = caption.isEmpty() ? credit : caption + " " + credit;
        }
        if (!caption.isEmpty()) {
            figure.append("<figcaption>").append(HtmlUtils.htmlEscape(caption, "UTF-8")).append("</figcaption>");
        }
        return figure.append("</figure>").toString();
    }

    /** The beginning of a text as plain text, cut at a word, for articles without a lead. */
    static String excerpt(String html) {
        String text = SPACE.matcher(HtmlUtils.htmlUnescape(TAG.matcher(html).replaceAll(" "))).replaceAll(" ").strip();
        if (text.length() <= EXCERPT_LENGTH) {
            return text;
        }
        int cut = text.lastIndexOf(' ', EXCERPT_LENGTH);
        return text.substring(0, cut > EXCERPT_LENGTH / 2 ? cut : EXCERPT_LENGTH).strip() + " …";
    }
}
