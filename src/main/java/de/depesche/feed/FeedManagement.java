package de.depesche.feed;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import de.depesche.account.AccountManagement;
import de.depesche.account.StaffMember;
import de.depesche.article.Article;
import de.depesche.article.ArticleManagement;
import de.depesche.article.ArticleTeaser;
import de.depesche.article.Page;
import de.depesche.comment.Comment;
import de.depesche.comment.CommentManagement;
import de.depesche.site.SiteProperties;
import de.depesche.site.SiteSettings;
import de.depesche.site.SiteSettingsService;
import de.depesche.site.Slugify;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import tools.jackson.databind.ObjectMapper;

/**
 * The feed module's API: the site's feeds (site, category, tag, author, an article's comments and
 * similar news), feeds other modules contribute through {@link FeedSource}, writing any of them as
 * RSS, Atom or JSON Feed, and announcing changed feeds to the WebSub hub.
 *
 * <p>Feeds speak the site's language from the settings, never the reader's {@code ?lang=}: a feed has
 * one address and one content, whatever query string a client adds.
 */
@Service
public class FeedManagement {

    /** Keys of contributed feeds: what {@link FeedSource#feed} can be asked for. */
    public static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{1,200}");
    static final Pattern KIND = Pattern.compile("[a-z0-9-]{1,40}");

    private final ArticleManagement articles;
    private final AccountManagement accounts;
    private final CommentManagement comments;
    private final SiteSettingsService settings;
    private final SiteProperties site;
    private final FeedProperties properties;
    private final WebSubProperties webSub;
    private final ArticleItems items;
    private final WebSubPings pings;
    private final MessageSource messages;
    private final FeedWriter writer;
    // Looked up per request: contributing modules depend on this service, so they cannot be constructor arguments.
    private final ObjectProvider<FeedSource> sources;
    private final ObjectProvider<SimilarNewsSource> similarNews;

    FeedManagement(ArticleManagement articles, AccountManagement accounts, CommentManagement comments,
                   SiteSettingsService settings, SiteProperties site, FeedProperties properties,
                   WebSubProperties webSub, ArticleItems items, WebSubPings pings, MessageSource messages,
                   ObjectMapper json, ObjectProvider<FeedSource> sources, ObjectProvider<SimilarNewsSource> similarNews) {
        this.articles = articles;
        this.accounts = accounts;
        this.comments = comments;
        this.settings = settings;
        this.site = site;
        this.properties = properties;
        this.webSub = webSub;
        this.items = items;
        this.pings = pings;
        this.messages = messages;
        this.writer = new FeedWriter(json);
        this.sources = sources;
        this.similarNews = similarNews;
    }

    /** What a feed address of an article leads to: its feed, a permanent move (old slug), or nothing. */
    public sealed interface ArticleFeed permits ArticleFeed.Found, ArticleFeed.Moved, ArticleFeed.Missing {
        record Found(FeedContent feed) implements ArticleFeed {}

        /** @param rssPath the feed's current address (RSS; add the format's suffix) */
        record Moved(String rssPath) implements ArticleFeed {}

        record Missing() implements ArticleFeed {}
    }

    // --- the site's feeds --------------------------------------------------------------------------

    /** The latest articles of the whole site, at {@code /feed}. */
    public FeedContent site() {
        SiteSettings s = settings.current();
        return listFeed(s.siteName(), s.tagline(), "/feed", "/", articles.latest(1, properties.size()));
    }

    /** A category's latest articles at {@code /kategorie/<slug>/feed}; empty when there is no such category. */
    public Optional<FeedContent> category(String slug) {
        if (!Slugify.isValid(slug)) {
            return Optional.empty();
        }
        return articles.category(slug).map(c -> {
            String description = c.description().isBlank() ? message("category.description", c.name()) : c.description();
            return listFeed(message("feed.title", settings.current().siteName(), c.name()), description,
                    "/kategorie/" + c.slug() + "/feed", "/kategorie/" + c.slug(), articles.inCategory(c, 1, properties.size()));
        });
    }

    /** A tag's latest articles at {@code /tag/<slug>/feed}; empty when there is no such tag. */
    public Optional<FeedContent> tag(String slug) {
        if (!Slugify.isValid(slug)) {
            return Optional.empty();
        }
        return articles.tag(slug).map(t -> listFeed(
                message("feed.title", settings.current().siteName(), message("tag.title", t.name())),
                message("tag.description", t.name()), "/tag/" + t.slug() + "/feed", "/tag/" + t.slug(),
                articles.taggedWith(t, 1, properties.size())));
    }

    /**
     * An author's latest articles at {@code /autor/<slug>/feed}; empty when there is no such author, or
     * the author is disabled or has published nothing (as the author page).
     */
    public Optional<FeedContent> author(String slug) {
        if (!Slugify.isValid(slug)) {
            return Optional.empty();
        }
        Optional<StaffMember> author = accounts.findBySlug(slug).filter(StaffMember::enabled);
        if (author.isEmpty()) {
            return Optional.empty();
        }
        StaffMember a = author.get();
        Page<ArticleTeaser> page = articles.byAuthor(a.id(), 1, properties.size());
        if (page.total() == 0) {
            return Optional.empty();
        }
        String description = a.bio() == null || a.bio().isBlank() ? message("author.description", a.displayName()) : a.bio();
        return Optional.of(listFeed(message("feed.title", settings.current().siteName(), a.displayName()), description,
                "/autor/" + a.slug() + "/feed", "/autor/" + a.slug(), page));
    }

    /** The approved comments on an article, newest first, at {@code /<article-slug>/kommentare/feed}. */
    public ArticleFeed comments(String articleSlug) {
        return switch (articles.findPublished(articleSlug)) {
            case ArticleManagement.SlugLookup.Found(Article a) -> {
                List<Comment> approved = new ArrayList<>(comments.findAllApproved(a.id()));
                approved.sort(Comparator.comparing(Comment::createdAt).thenComparing(Comment::id).reversed());
                Locale locale = locale();
                List<FeedEntry> entries = approved.stream().limit(properties.size())
                        .map(c -> items.entry(c, a.path(), locale)).toList();
                yield new ArticleFeed.Found(new FeedContent(
                        message("feed.comments.title", a.title()), message("feed.comments.description", a.title()),
                        commentsPath(a.slug()), a.path() + "#kommentare", null, entries,
                        Set.of(CommentManagement.cacheTag(a.id()), articleTag(a.id()))));
            }
            case ArticleManagement.SlugLookup.Moved(String current) -> new ArticleFeed.Moved(commentsPath(current));
            case ArticleManagement.SlugLookup.Missing() -> new ArticleFeed.Missing();
        };
    }

    /**
     * News that appeared after an article and is similar to it, at {@code /<article-slug>/feed}: the
     * articles the {@link SimilarNewsSource} beans name. Without such a bean the feed is empty.
     */
    public ArticleFeed similarNews(String articleSlug) {
        return switch (articles.findPublished(articleSlug)) {
            case ArticleManagement.SlugLookup.Found(Article a) -> {
                Set<Long> ids = new LinkedHashSet<>();
                Set<String> tags = new HashSet<>(Set.of("list", articleTag(a.id()), similarNewsTag(a.id())));
                similarNews.orderedStream().forEach(source -> {
                    SimilarNewsSource.SimilarNews found = source.laterSimilar(a.id(), properties.size());
                    ids.addAll(found.articleIds());
                    tags.addAll(found.cacheTags());
                });
                ids.remove(a.id());
                List<FeedEntry> entries = new ArrayList<>(items.of(ids, settings.current().outlet(), locale()));
                entries.sort(Comparator.comparing(FeedEntry::published).reversed());
                yield new ArticleFeed.Found(new FeedContent(
                        message("feed.similar.title", a.title()), message("feed.similar.description", a.title()),
                        similarNewsPath(a.slug()), a.path(), null,
                        entries.subList(0, Math.min(entries.size(), properties.size())), tags));
            }
            case ArticleManagement.SlugLookup.Moved(String current) -> new ArticleFeed.Moved(similarNewsPath(current));
            case ArticleManagement.SlugLookup.Missing() -> new ArticleFeed.Missing();
        };
    }

    /** A feed another module contributes at {@code /feed/<kind>/<key>}; empty when nobody knows it. */
    public Optional<FeedContent> contributed(String kind, String key) {
        if (!KIND.matcher(kind).matches() || !KEY.matcher(key).matches()) {
            return Optional.empty();
        }
        return sources.orderedStream().filter(s -> s.kind().equals(kind)).findFirst().flatMap(s -> s.feed(key));
    }

    // --- for contributing modules ------------------------------------------------------------------

    /**
     * Published articles as feed items, in the given order, the way the site's own feeds show them
     * (full text or lead, as configured); unknown and unpublished ids are skipped.
     */
    public List<FeedEntry> articleEntries(Collection<Long> articleIds) {
        return items.of(new LinkedHashSet<>(articleIds), settings.current().outlet(), locale());
    }

    /** How many items a feed shows ({@code depesche.feed.size}). */
    public int feedSize() {
        return properties.size();
    }

    /**
     * Tells the WebSub hub (if one is configured) that these feeds changed, in all three formats; the
     * pings run in the background with retries. Call after the change is committed.
     *
     * @param rssPaths feed addresses such as {@code /feed} or {@code /mein-artikel/feed}
     */
    public void announce(Collection<String> rssPaths) {
        pings.announce(rssPaths);
    }

    /** The page-cache tag of an article's similar-news feed: record it when that article gets new similar news. */
    public static String similarNewsTag(long articleId) {
        return "similar:" + articleId;
    }

    public static String similarNewsPath(String articleSlug) {
        return "/" + articleSlug + "/feed";
    }

    public static String commentsPath(String articleSlug) {
        return "/" + articleSlug + "/kommentare/feed";
    }

    // --- writing -----------------------------------------------------------------------------------

    /** The feed in a format, UTF-8. */
    public byte[] write(FeedContent feed, FeedFormat format) {
        SiteSettings s = settings.current();
        return writer.write(feed, format, new FeedWriter.Site(site.baseUrl(), s.language(),
                webSub.enabled() ? webSub.hub() : null, s.siteName()));
    }

    /** The language of feed texts and of the answer to a missing feed: the site's. */
    public Locale locale() {
        return Locale.forLanguageTag(settings.current().language());
    }

    private FeedContent listFeed(String title, String description, String selfPath, String homePath,
                                 Page<ArticleTeaser> page) {
        List<FeedEntry> entries = items.of(page.items().stream().map(ArticleTeaser::id).toList(),
                settings.current().outlet(), locale());
        // Any publish, update or withdrawal records "list": every list feed may change with it.
        return new FeedContent(title, description, selfPath, homePath, null, entries, Set.of("list"));
    }

    private static String articleTag(long id) {
        return "article:" + id;
    }

    private String message(String key, Object... args) {
        return messages.getMessage(key, args, key, locale());
    }
}
