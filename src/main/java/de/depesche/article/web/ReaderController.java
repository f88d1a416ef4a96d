package de.depesche.article.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import de.depesche.account.AccountManagement;
import de.depesche.account.StaffMember;
import de.depesche.article.Article;
import de.depesche.article.ArticleManagement;
import de.depesche.article.ArticleTeaser;
import de.depesche.article.Category;
import de.depesche.article.Page;
import de.depesche.article.Tag;
import de.depesche.site.ArticlePagePart;
import de.depesche.site.CacheablePage;
import de.depesche.site.NotFound;
import de.depesche.site.PageMeta;
import de.depesche.site.SiteProperties;
import de.depesche.site.SiteSettings;
import de.depesche.site.SiteSettingsService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;
import org.springframework.web.util.UriUtils;

/** The reader pages of the publishing module: home, article, category, tag and author pages. */
@Controller
class ReaderController {

    private static final Logger log = LoggerFactory.getLogger(ReaderController.class);

    static final String HOME = "article/home";
    static final String ARTICLE = "article/article";
    static final String LISTING = "article/listing";
    static final int PAGE_SIZE = 12;
    private static final String SLUG = "{slug:[a-z0-9]+(?:-[a-z0-9]+)*}";
    private static final String RSS = "application/rss+xml";

    private final ArticleManagement articles;
    private final AccountManagement accounts;
    private final SiteSettingsService settings;
    private final SiteProperties properties;
    private final StructuredData structuredData;
    private final MessageSource messages;
    private final List<ArticlePagePart> parts;

    ReaderController(ArticleManagement articles, AccountManagement accounts, SiteSettingsService settings,
                     SiteProperties properties, StructuredData structuredData, MessageSource messages,
                     List<ArticlePagePart> parts) {
        this.parts = parts.stream().sorted(java.util.Comparator.comparingInt(ArticlePagePart::order)).toList();
        this.articles = articles;
        this.accounts = accounts;
        this.settings = settings;
        this.properties = properties;
        this.structuredData = structuredData;
        this.messages = messages;
    }

    @GetMapping("/")
    String home(@RequestParam(name = "seite", defaultValue = "1") int page, Model model, HttpServletRequest request) {
        Page<ArticleTeaser> latest = requirePage(articles.latest(page, PAGE_SIZE));
        SiteSettings site = settings.current();
        PageMeta meta = new PageMeta(page == 1 ? site.siteName() + " – " + site.tagline()
                : message("list.page.title", site.siteName(), page), site.tagline(), pagePath("/", page))
                .jsonLd(structuredData.website(site));
        feeds(meta, site.siteName(), "/feed");
        cacheable(request, "list");
        model.addAttribute("meta", meta);
        model.addAttribute("page", latest);
        model.addAttribute("authors", authorsOf(latest.items()));
        model.addAttribute("pagePath", "/");
        model.addAttribute("feedPath", "/feed");
        return HOME;
    }

    @GetMapping("/" + SLUG)
    Object article(@PathVariable String slug, Model model, HttpServletRequest request) {
        return switch (articles.findPublished(slug)) {
            case ArticleManagement.SlugLookup.Found(Article a) -> showArticle(a, model, request);
            case ArticleManagement.SlugLookup.Moved(String current) -> permanentRedirect("/" + current);
            case ArticleManagement.SlugLookup.Missing() -> throw new NotFound("article " + slug);
        };
    }

    private String showArticle(Article a, Model model, HttpServletRequest request) {
        SiteSettings site = settings.current();
        StaffMember author = accounts.find(a.authorId()).orElse(null);
        String description = a.seoDescription() != null ? a.seoDescription() : a.lead();
        String language = LocaleContextHolder.getLocale().getLanguage();
        List<Map.Entry<String, String>> trail = new ArrayList<>();
        trail.add(Map.entry(message("nav.home"), "/"));
        if (!a.categories().isEmpty()) {
            Category c = a.categories().getFirst();
            trail.add(Map.entry(c.name(), "/kategorie/" + c.slug()));
        }
        trail.add(Map.entry(a.title(), a.path()));
        PageMeta meta = new PageMeta(a.seoTitle() != null ? a.seoTitle() : a.title(), description, a.path())
                .ogType("article")
                .image(a.image() == null ? null : properties.url(a.image().largestUrl()))
                .jsonLd(structuredData.newsArticle(a, author, site, description, language))
                .jsonLd(structuredData.breadcrumbs(trail))
                .openGraph("article:published_time", iso(a.displayDate()))
                .openGraph("article:modified_time", iso(a.updatedAt()));
        a.categories().forEach(c -> meta.openGraph("article:section", c.name()));
        a.tags().forEach(t -> meta.openGraph("article:tag", t.name()));
        // Feed addresses of the feed module (which this module must not know): plain paths.
        meta.feed(RSS, message("feed.link.rss", site.siteName()), "/feed")
                .feed(RSS, message("feed.link.similar", a.title()), a.path() + "/feed")
                .feed(RSS, message("feed.link.comments", a.title()), a.path() + "/kommentare/feed");
        Set<String> cacheTags = new HashSet<>(Set.of("article:" + a.id(), "list"));
        List<ArticlePagePart.Rendered> below = new ArrayList<>();
        List<ArticlePagePart.Rendered> sidebar = new ArrayList<>();
        boolean complete = true;
        var onPage = new ArticlePagePart.ArticleOnPage(a.id(), a.title(), a.slug(), a.lead(),
                a.categories().stream().map(Category::slug).toList(), a.tags().stream().map(Tag::slug).toList(),
                a.authorId(), a.isPublished());
        for (ArticlePagePart part : parts) {
            try {
                part.render(onPage).ifPresent(r -> {
                    (part.slot() == ArticlePagePart.Slot.SIDEBAR ? sidebar : below).add(r);
                    cacheTags.addAll(r.cacheTags());
                });
            } catch (RuntimeException e) {
                // A broken box must not take the article down with it; the page is just not cached.
                log.warn("Article page part {} failed for article {}: {}", part.getClass().getSimpleName(), a.id(), e.toString());
                complete = false;
            }
        }
        if (complete) {
            CacheablePage.mark(request, a.updatedAt(), cacheTags.toArray(String[]::new));
        }
        model.addAttribute("belowArticle", below);
        model.addAttribute("sidebar", sidebar);
        model.addAttribute("meta", meta);
        model.addAttribute("article", a);
        model.addAttribute("author", author);
        model.addAttribute("bodyHtml", a.bodyHtmlWithDateline(site.outlet()));
        model.addAttribute("trail", trail);
        return ARTICLE;
    }

    @GetMapping("/kategorie/" + SLUG)
    String category(@PathVariable String slug, @RequestParam(name = "seite", defaultValue = "1") int page,
                    Model model, HttpServletRequest request) {
        Category category = articles.category(slug).orElseThrow(() -> new NotFound("category " + slug));
        Page<ArticleTeaser> list = requirePage(articles.inCategory(category, page, PAGE_SIZE));
        String path = "/kategorie/" + slug;
        PageMeta meta = new PageMeta(pageTitle(category.name(), page),
                category.description().isBlank() ? message("category.description", category.name()) : category.description(),
                pagePath(path, page))
                .jsonLd(structuredData.breadcrumbs(List.of(Map.entry(message("nav.home"), "/"), Map.entry(category.name(), path))));
        feeds(meta, category.name(), path + "/feed");
        return listing(model, request, meta, list, category.name(), category.description(), path, "category");
    }

    @GetMapping("/tag/" + SLUG)
    String tag(@PathVariable String slug, @RequestParam(name = "seite", defaultValue = "1") int page,
               Model model, HttpServletRequest request) {
        Tag tag = articles.tag(slug).orElseThrow(() -> new NotFound("tag " + slug));
        Page<ArticleTeaser> list = requirePage(articles.taggedWith(tag, page, PAGE_SIZE));
        String path = "/tag/" + slug;
        PageMeta meta = new PageMeta(pageTitle(message("tag.title", tag.name()), page),
                message("tag.description", tag.name()), pagePath(path, page))
                .noindex(list.total() < ArticleManagement.TAG_INDEX_MIN_ARTICLES)
                .jsonLd(structuredData.breadcrumbs(List.of(Map.entry(message("nav.home"), "/"),
                        Map.entry(message("tag.title", tag.name()), path))));
        feeds(meta, message("tag.title", tag.name()), path + "/feed");
        return listing(model, request, meta, list, message("tag.title", tag.name()), "", path, "tag");
    }

    @GetMapping("/autor/" + SLUG)
    String author(@PathVariable String slug, @RequestParam(name = "seite", defaultValue = "1") int page,
                  Model model, HttpServletRequest request) {
        StaffMember author = accounts.findBySlug(slug).filter(StaffMember::enabled)
                .orElseThrow(() -> new NotFound("author " + slug));
        Page<ArticleTeaser> list = requirePage(articles.byAuthor(author.id(), page, PAGE_SIZE));
        if (list.total() == 0) {
            throw new NotFound("author without articles " + slug);
        }
        String path = "/autor/" + slug;
        PageMeta meta = new PageMeta(pageTitle(author.displayName(), page),
                author.bio() == null || author.bio().isBlank() ? message("author.description", author.displayName()) : author.bio(),
                pagePath(path, page)).ogType("profile")
                .jsonLd(structuredData.breadcrumbs(List.of(Map.entry(message("nav.home"), "/"),
                        Map.entry(author.displayName(), path))));
        feeds(meta, author.displayName(), path + "/feed");
        model.addAttribute("authorProfile", author);
        return listing(model, request, meta, list, author.displayName(), author.bio() == null ? "" : author.bio(), path, "author");
    }

    private String listing(Model model, HttpServletRequest request, PageMeta meta, Page<ArticleTeaser> list,
                           String heading, String intro, String path, String kind) {
        cacheable(request, "list");
        model.addAttribute("meta", meta);
        model.addAttribute("page", list);
        model.addAttribute("authors", authorsOf(list.items()));
        model.addAttribute("heading", heading);
        model.addAttribute("intro", intro);
        model.addAttribute("pagePath", path);
        model.addAttribute("kind", kind);
        model.addAttribute("feedPath", path + "/feed");
        return LISTING;
    }

    /** Autodiscovery of a list's feed in its three formats, and of the site feed. */
    private void feeds(PageMeta meta, String name, String rssPath) {
        meta.feed(RSS, message("feed.link.rss", name), rssPath)
                .feed("application/atom+xml", message("feed.link.atom", name), rssPath + "/atom")
                .feed("application/feed+json", message("feed.link.json", name), rssPath + ".json");
        if (!rssPath.equals("/feed")) {
            meta.feed(RSS, message("feed.link.rss", settings.current().siteName()), "/feed");
        }
    }

    private void cacheable(HttpServletRequest request, String... tags) {
        Instant lastModified = articles.lastPublishedChange().orElse(null);
        CacheablePage.mark(request, lastModified, tags);
    }

    private Map<Long, StaffMember> authorsOf(List<ArticleTeaser> teasers) {
        return accounts.findAll(teasers.stream().map(ArticleTeaser::authorId).toList());
    }

    private static <T> Page<T> requirePage(Page<T> page) {
        if (page.number() > 1 && page.number() > page.totalPages()) {
            throw new NotFound("page " + page.number());
        }
        return page;
    }

    private static ModelAndView permanentRedirect(String path) {
        RedirectView view = new RedirectView(UriUtils.encodePath(path, java.nio.charset.StandardCharsets.UTF_8));
        view.setStatusCode(HttpStatus.MOVED_PERMANENTLY);
        view.setExposeModelAttributes(false);
        return new ModelAndView(view);
    }

    private String pageTitle(String name, int page) {
        return page > 1 ? message("list.page.title", name, page) : name;
    }

    private static String pagePath(String path, int page) {
        return page > 1 ? path + "?seite=" + page : path;
    }

    private String iso(Instant instant) {
        return instant.toString();
    }

    /** A text in the reader's language; a missing key fails loudly (MessageBundlesTest finds them first). */
    private String message(String key, Object... args) {
        Locale locale = LocaleContextHolder.getLocale();
        return messages.getMessage(key, args, locale);
    }

}
