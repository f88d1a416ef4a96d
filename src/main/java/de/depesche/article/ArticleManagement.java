package de.depesche.article;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import de.depesche.account.AuditLog;
import de.depesche.account.Role;
import de.depesche.account.StaffPrincipal;
import de.depesche.site.InvalidInput;
import de.depesche.site.ReservedPaths;
import de.depesche.site.SiteChanges;
import de.depesche.site.Slugify;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The publishing workflow: the one place where drafts become news. Everything else (search, feeds,
 * notifications, sitemaps, caches) reacts to the events published here.
 */
@Service
public class ArticleManagement {

    private static final Logger log = LoggerFactory.getLogger(ArticleManagement.class);

    public static final int TITLE_MAX = 200;
    public static final int DATELINE_MAX = 120;
    public static final int LEAD_MAX = 1_000;
    public static final int BODY_MAX = 200_000;
    public static final int TAGS_MAX = 20;
    public static final int TAG_MAX = 60;
    public static final int CATEGORIES_MAX = 5;
    /** Deeper pages than this are refused: nobody reads them, and huge offsets only cost the database. */
    public static final int MAX_PAGE = 10_000;
    static final int SEO_TITLE_MAX = 120;
    static final int SEO_DESCRIPTION_MAX = 300;
    static final int CAPTION_MAX = 300;
    static final int CREDIT_MAX = 200;

    private final JdbcArticleRepository articles;
    private final JdbcRevisionRepository revisions;
    private final ImageLibrary images;
    private final MarkdownRenderer markdown;
    private final ApplicationEventPublisher events;
    private final SiteChanges changes;
    private final AuditLog audit;
    private final ReservedPaths reservedPaths;
    private final Clock clock;

    ArticleManagement(JdbcArticleRepository articles, JdbcRevisionRepository revisions, ImageLibrary images,
                      MarkdownRenderer markdown, ApplicationEventPublisher events, SiteChanges changes,
                      AuditLog audit, ReservedPaths reservedPaths, Clock clock) {
        this.articles = articles;
        this.revisions = revisions;
        this.images = images;
        this.markdown = markdown;
        this.events = events;
        this.changes = changes;
        this.audit = audit;
        this.reservedPaths = reservedPaths;
        this.clock = clock;
    }

    // --- reading -----------------------------------------------------------------------------------

    public Optional<Article> find(long id) {
        return articles.find(id);
    }

    /** What a reader gets at /{slug}: the article, a pointer to its new address, or nothing. */
    public sealed interface SlugLookup permits SlugLookup.Found, SlugLookup.Moved, SlugLookup.Missing {
        record Found(Article article) implements SlugLookup {}

        record Moved(String currentSlug) implements SlugLookup {}

        record Missing() implements SlugLookup {}
    }

    public SlugLookup findPublished(String slug) {
        Optional<Article> current = articles.findBySlug(slug);
        if (current.isPresent()) {
            return current.get().isPublished() ? new SlugLookup.Found(current.get()) : new SlugLookup.Missing();
        }
        return articles.formerSlugOwner(slug)
                .flatMap(articles::find)
                .filter(Article::isPublished)
                .<SlugLookup>map(a -> new SlugLookup.Moved(a.slug()))
                .orElse(new SlugLookup.Missing());
    }

    public Page<ArticleTeaser> latest(int page, int size) {
        return list(JdbcArticleRepository.Filter.published(), page, size);
    }

    public Page<ArticleTeaser> inCategory(Category category, int page, int size) {
        return list(JdbcArticleRepository.Filter.published().and(
                "exists (select 1 from article_category ac where ac.article_id = a.id and ac.category_id = :category)",
                "category", category.id()), page, size);
    }

    public Page<ArticleTeaser> taggedWith(Tag tag, int page, int size) {
        return list(JdbcArticleRepository.Filter.published().and(
                "exists (select 1 from article_tag t where t.article_id = a.id and t.tag_id = :tag)",
                "tag", tag.id()), page, size);
    }

    public Page<ArticleTeaser> byAuthor(long authorId, int page, int size) {
        return list(JdbcArticleRepository.Filter.published().and("a.author_id = :author", "author", authorId), page, size);
    }

    /** The latest change readers can see anywhere in the published articles, for Last-Modified. */
    public Optional<Instant> lastPublishedChange() {
        return articles.lastChange(JdbcArticleRepository.Filter.published());
    }

    /** Every published article, oldest first, in pages; for rebuilding derived data such as a search index. */
    public List<ArticleTeaser> publishedAfter(long afterId, int limit) {
        return articles.teasers(JdbcArticleRepository.Filter.published().and("a.id > :after", "after", afterId),
                "a.id", limit, 0);
    }

    /** Published articles that first went live in [from, to), newest first. */
    public List<ArticleTeaser> publishedBetween(Instant from, Instant to, int limit) {
        return articles.teasers(JdbcArticleRepository.Filter.published()
                        .and("a.published_at >= :from", "from", java.sql.Timestamp.from(from))
                        .and("a.published_at < :to", "to", java.sql.Timestamp.from(to)),
                "a.published_at desc, a.id desc", limit, 0);
    }

    /** Published articles by id, in the order of the ids; unknown or unpublished ones are left out. */
    public List<ArticleTeaser> publishedTeasers(java.util.Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<ArticleTeaser> found = articles.teasers(JdbcArticleRepository.Filter.published().and("a.id in (:ids)", "ids",
                List.copyOf(ids)), "a.id", ids.size(), 0);
        java.util.Map<Long, ArticleTeaser> byId = new java.util.HashMap<>();
        found.forEach(t -> byId.put(t.id(), t));
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    /**
     * Published articles with everything readers see (body, categories, tags), by id and oldest id
     * first, for rebuilding derived data such as a search index in batches.
     */
    public List<Article> publishedBatch(long afterId, int limit) {
        return articles.publishedBatch(afterId, Math.clamp(limit, 1, 1_000));
    }

    /**
     * Every article whose visible state changed after ({@code since}, {@code afterId}), in the order
     * (updatedAt, id): a cheap change feed that each node follows to keep its own derived data current.
     */
    public List<ArticleChange> changedSince(Instant since, long afterId, int limit) {
        return articles.changedSince(since, afterId, Math.clamp(limit, 1, 10_000));
    }

    public long publishedCount() {
        return articles.count(JdbcArticleRepository.Filter.published());
    }

    // --- addresses for sitemaps and search engines ------------------------------------------------

    /** Tag pages with fewer published articles than this are marked noindex, so sitemaps leave them out. */
    public static final int TAG_INDEX_MIN_ARTICLES = 2;

    /** Published articles' addresses with their last change, oldest first, in pages. */
    public List<PublishedPath> publishedPaths(int offset, int limit) {
        return articles.publishedPaths(limit, offset);
    }

    /** Articles that went live since the given time, newest first (for the Google News sitemap). */
    public List<ArticleTeaser> publishedSince(Instant since, int limit) {
        return articles.teasers(JdbcArticleRepository.Filter.published().and("a.published_at >= :since", "since",
                java.sql.Timestamp.from(since)), "a.published_at desc, a.id desc", limit, 0);
    }

    /** Category pages that list published articles, with the last change of those articles. */
    public List<PublishedPath> categoryPaths() {
        return articles.categoryPaths();
    }

    /** Tag pages that search engines may index, with the last change of their articles. */
    public List<PublishedPath> tagPaths(int offset, int limit) {
        return articles.tagPaths(TAG_INDEX_MIN_ARTICLES, limit, offset);
    }

    public long tagPathCount() {
        return articles.tagPathCount(TAG_INDEX_MIN_ARTICLES);
    }

    /** The newest change among one page of {@link #publishedPaths}, without loading the page. */
    public Optional<Instant> newestPublishedChange(int offset, int limit) {
        return articles.newestPublishedChange(limit, offset);
    }

    /** The newest change among one page of {@link #tagPaths}, without loading the page. */
    public Optional<Instant> newestTagChange(int offset, int limit) {
        return articles.newestTagChange(TAG_INDEX_MIN_ARTICLES, limit, offset);
    }

    /** The newsroom's article list. */
    public record NewsroomFilter(@Nullable ArticleStatus status, @Nullable Long authorId,
                                 @Nullable String categorySlug, @Nullable String text) {}

    /** The newsroom's list with every article, for callers that already checked who asks. */
    public Page<ArticleTeaser> newsroomList(NewsroomFilter filter, int page, int size) {
        return page(newsroomFilter(filter), "a.updated_at desc, a.id desc", page, size);
    }

    /**
     * The newsroom's list as a staff member may see it: editors and admins everything, authors their
     * own articles and published ones, moderators nothing.
     */
    public Page<ArticleTeaser> newsroomList(NewsroomFilter filter, int page, int size, StaffPrincipal viewer) {
        requireWriter(viewer);
        JdbcArticleRepository.Filter f = newsroomFilter(filter);
        if (!viewer.mayPublish()) {
            f = f.and("(a.author_id = :viewer or a.status = 'PUBLISHED')", "viewer", viewer.id());
        }
        return page(f, "a.updated_at desc, a.id desc", page, size);
    }

    /** Articles by id with everything the newsroom and the API show, in the order of the ids, in few queries. */
    public List<Article> findAll(List<Long> ids) {
        return articles.findAll(ids);
    }

    /** An article as the newsroom or the API shows it to this staff member; refused when not theirs to see. */
    public Optional<Article> findFor(long id, StaffPrincipal viewer) {
        requireWriter(viewer);
        Optional<Article> article = articles.find(id);
        if (article.isPresent() && !mayView(article.get(), viewer)) {
            throw new AccessDeniedException("may not see article " + id);
        }
        return article;
    }

    private static JdbcArticleRepository.Filter newsroomFilter(NewsroomFilter filter) {
        JdbcArticleRepository.Filter f = new JdbcArticleRepository.Filter("1 = 1", Map.of());
        if (filter.status() != null) {
            f = f.and("a.status = :status", "status", filter.status().name());
        }
        if (filter.authorId() != null) {
            f = f.and("a.author_id = :author", "author", filter.authorId());
        }
        if (filter.categorySlug() != null && !filter.categorySlug().isBlank()) {
            f = f.and("""
                    exists (select 1 from article_category ac join category c on c.id = ac.category_id
                            where ac.article_id = a.id and c.slug = :category)""", "category", filter.categorySlug());
        }
        if (filter.text() != null && !filter.text().isBlank()) {
            String like = "%" + filter.text().strip().toLowerCase(java.util.Locale.ROOT)
                    .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            f = f.and("(lower(a.title) like :text escape '\\' or lower(a.lead_text) like :text escape '\\')", "text", like);
        }
        return f;
    }

    public List<Revision> revisions(long articleId) {
        return revisions.of(articleId);
    }

    public Optional<Revision> revision(long articleId, int number) {
        return revisions.find(articleId, number);
    }

    public List<Category> categories() {
        return articles.categories();
    }

    public Optional<Category> category(String slug) {
        return articles.categoryBySlug(slug);
    }

    public Optional<Tag> tag(String slug) {
        return articles.tagBySlug(slug);
    }

    /** Renders Markdown exactly as a published article would show it, for the editor's preview. */
    public String preview(String bodyMarkdown) {
        return markdown.render(bodyMarkdown.length() > BODY_MAX ? bodyMarkdown.substring(0, BODY_MAX) : bodyMarkdown);
    }

    // --- writing -----------------------------------------------------------------------------------

    @Transactional
    public Article create(ArticleDraft draft, StaffPrincipal by) {
        requireWriter(by);
        Validated v = validate(draft, null);
        long id = articles.insert(v.row(), by.id(), clock.instant());
        articles.replaceCategories(id, v.categoryIds());
        articles.replaceTags(id, tagIds(v.tags()));
        Article created = articles.find(id).orElseThrow();
        revisions.insert(created, by.id(), by.displayName(), "revision.created", clock.instant());
        audit.record(by, "audit.article.created", target(id), created.title());
        return created;
    }

    /**
     * Takes over an article that was already published elsewhere (a site moving to Depesche, demo
     * content), with its original author and date. Announced as {@link ArticleImported}, not as news:
     * nobody gets notified about an article that is years old.
     */
    @Transactional
    public Article importPublished(ArticleDraft draft, long authorId, Instant publishedAt, StaffPrincipal by) {
        requirePublisher(by);
        Validated v = validate(draft, null);
        long id = articles.insert(v.row(), authorId, clock.instant());
        articles.replaceCategories(id, v.categoryIds());
        articles.replaceTags(id, tagIds(v.tags()));
        articles.markPublishedAt(id, publishedAt, clock.instant());
        Article imported = articles.find(id).orElseThrow();
        revisions.insert(imported, by.id(), by.displayName(), "revision.imported", clock.instant());
        audit.record(by, "audit.article.imported", target(id), imported.title());
        events.publishEvent(new ArticleImported(id, imported.slug(), publishedAt));
        changes.record(target(id), "list");
        return imported;
    }

    @Transactional
    public Article update(long id, int expectedVersion, ArticleDraft draft, StaffPrincipal by) {
        Article before = articles.find(id).orElseThrow(() -> InvalidInput.of("", "article.unknown"));
        requireMayEdit(before, by);
        Validated v = validate(draft, id);
        String newSlug = v.row().slug();
        if (!newSlug.equals(before.slug())) {
            articles.forgetFormerSlug(newSlug);
            if (before.publishedAt() != null) {
                // Readers and search engines know the old address: it keeps answering with a redirect.
                articles.rememberFormerSlug(before.slug(), id);
            }
        }
        if (!articles.update(id, expectedVersion, v.row(), clock.instant())) {
            throw InvalidInput.of("", "article.conflict");
        }
        articles.replaceCategories(id, v.categoryIds());
        articles.replaceTags(id, tagIds(v.tags()));
        Article after = articles.find(id).orElseThrow();
        String changed = String.join(",", changes(before, after));
        revisions.insert(after, by.id(), by.displayName(), changed.isEmpty() ? "revision.saved" : changed, clock.instant());
        audit.record(by, "audit.article.updated", target(id), changed);
        events.publishEvent(new ArticleUpdated(id, after.slug(), after.updatedAt(), after.isPublished(),
                after.slug().equals(before.slug()) ? null : before.slug()));
        if (after.isPublished()) {
            changes.record(target(id), "list");
        }
        return after;
    }

    /**
     * Creates (id null) or saves an article and moves it to the wanted status, all in one transaction:
     * when publishing is refused, nothing is saved. For API clients, which expect all or nothing.
     */
    @Transactional
    public Article save(@Nullable Long id, int expectedVersion, ArticleDraft draft, @Nullable ArticleStatus wanted,
                        @Nullable Instant publishAt, StaffPrincipal by) {
        Article article = id == null ? create(draft, by) : update(id, expectedVersion, draft, by);
        if (wanted == null || wanted == article.status()) {
            return article;
        }
        return switch (wanted) {
            case PUBLISHED -> publish(article.id(), by);
            case SCHEDULED -> {
                if (publishAt == null) {
                    throw InvalidInput.of("publishAt", "validation.required");
                }
                yield schedule(article.id(), publishAt, by);
            }
            case DRAFT, UNPUBLISHED -> unpublish(article.id(), by);
        };
    }

    @Transactional
    public Article publish(long id, StaffPrincipal by) {
        requirePublisher(by);
        Article article = articles.find(id).orElseThrow(() -> InvalidInput.of("", "article.unknown"));
        if (article.isPublished()) {
            return article;
        }
        requirePublishable(article);
        goLive(article, by);
        return articles.find(id).orElseThrow();
    }

    @Transactional
    public Article schedule(long id, Instant at, StaffPrincipal by) {
        requirePublisher(by);
        Article article = articles.find(id).orElseThrow(() -> InvalidInput.of("", "article.unknown"));
        if (!at.isAfter(clock.instant())) {
            throw InvalidInput.of("publishAt", "article.schedule.past");
        }
        if (article.isPublished()) {
            throw InvalidInput.of("publishAt", "article.schedule.alreadyPublished");
        }
        requirePublishable(article);
        articles.transition(id, EnumSet.of(ArticleStatus.DRAFT, ArticleStatus.SCHEDULED, ArticleStatus.UNPUBLISHED),
                ArticleStatus.SCHEDULED, at, null, clock.instant());
        Article scheduled = articles.find(id).orElseThrow();
        revisions.insert(scheduled, by.id(), by.displayName(), "revision.scheduled", clock.instant());
        audit.record(by, "audit.article.scheduled", target(id), at.toString());
        return scheduled;
    }

    @Transactional
    public Article unpublish(long id, StaffPrincipal by) {
        requirePublisher(by);
        Article article = articles.find(id).orElseThrow(() -> InvalidInput.of("", "article.unknown"));
        if (article.status() == ArticleStatus.SCHEDULED) {
            articles.transition(id, EnumSet.of(ArticleStatus.SCHEDULED), ArticleStatus.DRAFT, null, null, clock.instant());
            Article draft = articles.find(id).orElseThrow();
            revisions.insert(draft, by.id(), by.displayName(), "revision.unscheduled", clock.instant());
            audit.record(by, "audit.article.unscheduled", target(id), article.title());
            return draft;
        }
        if (!article.isPublished()) {
            return article;
        }
        articles.transition(id, EnumSet.of(ArticleStatus.PUBLISHED), ArticleStatus.UNPUBLISHED, null, null, clock.instant());
        Article withdrawn = articles.find(id).orElseThrow();
        revisions.insert(withdrawn, by.id(), by.displayName(), "revision.unpublished", clock.instant());
        audit.record(by, "audit.article.unpublished", target(id), article.title());
        events.publishEvent(new ArticleWithdrawn(id, withdrawn.slug(), withdrawn.updatedAt()));
        changes.record(target(id), "list");
        return withdrawn;
    }

    /**
     * Publishes every scheduled article whose time has come. Runs on one node at a time (db-scheduler),
     * and each article changes state with a conditional update, so even two runs publish it once.
     *
     * @return how many articles went live
     */
    @Transactional
    public int publishDue() {
        int published = 0;
        for (long id : articles.dueForPublication(clock.instant())) {
            Optional<Article> article = articles.find(id);
            if (article.isPresent() && article.get().status() == ArticleStatus.SCHEDULED && goLive(article.get(), null)) {
                published++;
            }
        }
        return published;
    }

    /**
     * @param by null when the scheduler publishes: then readers see the planned time as the article's
     *           date, not the moment the job ran (a few seconds later, or later still after an outage)
     */
    private boolean goLive(Article article, @Nullable StaffPrincipal by) {
        Instant now = clock.instant();
        Instant planned = by == null && article.publishAt() != null && article.publishAt().isBefore(now)
                ? article.publishAt() : now;
        Instant updated = planned.isAfter(article.updatedAt()) ? planned : article.updatedAt();
        boolean moved = articles.transition(article.id(),
                EnumSet.of(ArticleStatus.DRAFT, ArticleStatus.SCHEDULED, ArticleStatus.UNPUBLISHED),
                ArticleStatus.PUBLISHED, null, planned, updated, now);
        if (!moved) {
            return false;
        }
        Article live = articles.find(article.id()).orElseThrow();
        revisions.insert(live, by == null ? null : by.id(), by == null ? Revision.SYSTEM : by.displayName(),
                "revision.published", now);
        audit.record(by, "audit.article.published", target(article.id()), live.title());
        events.publishEvent(new ArticlePublished(live.id(), live.slug(), Objects.requireNonNull(live.publishedAt())));
        changes.record(target(article.id()), "list");
        log.info("Published article {} \"{}\"", live.id(), live.title());
        return true;
    }

    // --- categories --------------------------------------------------------------------------------

    @Transactional
    public Category createCategory(String name, String description, StaffPrincipal by) {
        requirePublisher(by);
        String n = name.strip();
        String slug = Slugify.slugify(n);
        InvalidInput.Collector problems = new InvalidInput.Collector();
        if (n.isEmpty() || slug.isEmpty()) {
            problems.add("name", "validation.required");
        } else if (n.length() > 80) {
            problems.add("name", "validation.tooLong", 80);
        } else if (articles.categoryBySlug(slug).isPresent()) {
            problems.add("name", "category.taken", n);
        }
        if (description.length() > 500) {
            problems.add("description", "validation.tooLong", 500);
        }
        problems.throwIfAny();
        long id = articles.insertCategory(n, slug, description.strip())
                .orElseThrow(() -> InvalidInput.of("name", "category.taken", n));
        audit.record(by, "audit.category.created", "category:" + id, n);
        changes.record("list");
        return new Category(id, n, slug, description.strip());
    }

    @Transactional
    public void updateCategory(String slug, String name, String description, StaffPrincipal by) {
        requirePublisher(by);
        Category category = articles.categoryBySlug(slug).orElseThrow(() -> InvalidInput.of("", "category.unknown", slug));
        InvalidInput.Collector problems = new InvalidInput.Collector();
        if (name.isBlank()) {
            problems.add("name", "validation.required");
        } else if (name.length() > 80) {
            problems.add("name", "validation.tooLong", 80);
        }
        if (description.length() > 500) {
            problems.add("description", "validation.tooLong", 500);
        }
        problems.throwIfAny();
        articles.updateCategory(category.id(), name.strip(), description.strip());
        // Its articles show the name and search finds them by it: every node takes them in again.
        articles.touchByCategory(category.id(), clock.instant());
        audit.record(by, "audit.category.updated", "category:" + category.id(), name);
        changes.record(SiteChanges.EVERYTHING);
    }

    /**
     * An author's name changed (account module): their articles show it in the byline and search finds
     * them by it, so they go into the change feed for every node's index, and every page is rendered anew.
     */
    @Transactional
    void authorRenamed(long authorId) {
        int touched = articles.touchByAuthor(authorId, clock.instant());
        if (touched > 0) {
            changes.record(SiteChanges.EVERYTHING);
        }
    }

    // --- rules -------------------------------------------------------------------------------------

    private record Validated(JdbcArticleRepository.Row row, List<Long> categoryIds, List<String> tags) {}

    private Validated validate(ArticleDraft d, @Nullable Long articleId) {
        InvalidInput.Collector problems = new InvalidInput.Collector();
        String title = d.title().strip();
        text(problems, "title", title, TITLE_MAX, true);
        String dateline = d.dateline() == null ? "" : d.dateline().strip();
        text(problems, "dateline", dateline, DATELINE_MAX, false);
        text(problems, "lead", d.lead(), LEAD_MAX, false);
        if (d.body().length() > BODY_MAX) {
            problems.add("body", "article.body.tooLong", BODY_MAX);
        } else if (hasBrokenEncoding(d.body())) {
            problems.add("body", "validation.encoding");
        }
        String seoTitle = d.seoTitle() == null ? "" : d.seoTitle().strip();
        String seoDescription = d.seoDescription() == null ? "" : d.seoDescription().strip();
        text(problems, "seoTitle", seoTitle, SEO_TITLE_MAX, false);
        text(problems, "seoDescription", seoDescription, SEO_DESCRIPTION_MAX, false);
        String caption = d.imageCaption() == null ? "" : d.imageCaption().strip();
        String credit = d.imageCredit() == null ? "" : d.imageCredit().strip();
        text(problems, "imageCaption", caption, CAPTION_MAX, false);
        text(problems, "imageCredit", credit, CREDIT_MAX, false);

        String slug = slug(problems, d, title, articleId);

        List<Long> categoryIds = new ArrayList<>();
        List<String> categorySlugs = d.categories().stream().map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
        if (categorySlugs.size() > CATEGORIES_MAX) {
            problems.add("categories", "article.categories.tooMany", CATEGORIES_MAX);
        }
        for (String c : categorySlugs) {
            articles.categoryBySlug(c).ifPresentOrElse(cat -> categoryIds.add(cat.id()),
                    () -> problems.add("categories", "article.category.unknown", c));
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (String t : d.tags()) {
            String name = t.strip().replaceAll("\\s+", " ");
            if (name.isEmpty()) {
                continue;
            }
            if (name.length() > TAG_MAX || Slugify.slugify(name).isEmpty() || name.chars().anyMatch(c -> c < 0x20 || c == '<' || c == '>')) {
                problems.add("tags", "article.tag.invalid", name.length() > 40 ? name.substring(0, 40) + "…" : name);
            } else {
                tags.putIfAbsent(Slugify.slugify(name), name);
            }
        }
        if (tags.size() > TAGS_MAX) {
            problems.add("tags", "article.tags.tooMany", TAGS_MAX);
        }
        if (d.imageId() != null && images.find(d.imageId()).isEmpty()) {
            problems.add("imageId", "image.unknown");
        }
        problems.throwIfAny();
        String html = markdown.render(d.body());
        var row = new JdbcArticleRepository.Row(title, slug, blankToNull(dateline), d.lead().strip(), d.body(), html,
                blankToNull(seoTitle), blankToNull(seoDescription), d.imageId(), blankToNull(caption), blankToNull(credit));
        return new Validated(row, categoryIds, new ArrayList<>(tags.values()));
    }

    private String slug(InvalidInput.Collector problems, ArticleDraft d, String title, @Nullable Long articleId) {
        String requested = d.slug() == null ? "" : d.slug().strip();
        if (!requested.isEmpty()) {
            if (!Slugify.isValid(requested)) {
                problems.add("slug", "article.slug.invalid");
                return requested;
            }
            if (reservedPaths.isReserved(requested)) {
                // /suche, /jobs, /impressum …: the fixed page would always win, the article never be reached.
                problems.add("slug", "article.slug.reserved", requested);
                return requested;
            }
            Optional<Long> owner = articles.slugOwner(requested);
            if (owner.isPresent() && !owner.get().equals(articleId)) {
                problems.add("slug", "article.slug.taken", requested);
            }
            return requested;
        }
        if (articleId != null) {
            // Keep an existing article's address unless the editor changes it on purpose.
            return articles.find(articleId).map(Article::slug).orElse("artikel");
        }
        String base = Slugify.slugify(title);
        if (base.isEmpty()) {
            base = "artikel";
        }
        String candidate = base;
        for (int i = 2; articles.slugOwner(candidate).isPresent() || reservedPaths.isReserved(candidate); i++) {
            candidate = base + "-" + i;
        }
        return candidate;
    }

    private static void text(InvalidInput.Collector problems, String field, String value, int max, boolean required) {
        if (required && value.isBlank()) {
            problems.add(field, "validation.required");
        } else if (value.length() > max) {
            problems.add(field, "validation.tooLong", max);
        } else if (value.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
            problems.add(field, "validation.controlCharacters");
        } else if (hasBrokenEncoding(value)) {
            problems.add(field, "validation.encoding");
        }
    }

    /** Text that arrived in a broken encoding shows replacement characters; we refuse rather than store garbage. */
    private static boolean hasBrokenEncoding(String value) {
        return value.indexOf('\uFFFD') >= 0 || value.indexOf('\u0000') >= 0;
    }

    private List<Long> tagIds(List<String> names) {
        List<Long> ids = new ArrayList<>();
        for (String name : names) {
            String slug = Slugify.slugify(name);
            ids.add(articles.tagId(name, slug));
        }
        return ids;
    }

    private static void requirePublishable(Article article) {
        InvalidInput.Collector problems = new InvalidInput.Collector();
        if (article.title().isBlank()) {
            problems.add("title", "validation.required");
        }
        if (article.bodyMarkdown().isBlank()) {
            problems.add("body", "article.publish.emptyBody");
        }
        problems.throwIfAny();
    }

    private static void requireWriter(StaffPrincipal by) {
        if (!by.hasRole(Role.ADMIN, Role.EDITOR, Role.AUTHOR)) {
            throw new AccessDeniedException("only authors, editors and admins write articles");
        }
    }

    private static void requirePublisher(StaffPrincipal by) {
        if (!by.mayPublish()) {
            throw new AccessDeniedException("only editors and admins publish");
        }
    }

    /** Editors and admins see every article in the newsroom; authors their own and published ones. */
    public static boolean mayView(Article article, StaffPrincipal by) {
        if (by.mayPublish()) {
            return true;
        }
        return by.hasRole(Role.AUTHOR) && (article.authorId() == by.id() || article.isPublished());
    }

    /** Authors edit their own drafts; editors and admins edit everything. */
    public static boolean mayEdit(Article article, StaffPrincipal by) {
        if (by.mayPublish()) {
            return true;
        }
        return by.hasRole(Role.AUTHOR) && article.authorId() == by.id()
                && (article.status() == ArticleStatus.DRAFT || article.status() == ArticleStatus.UNPUBLISHED);
    }

    private static void requireMayEdit(Article article, StaffPrincipal by) {
        if (!mayEdit(article, by)) {
            throw new AccessDeniedException("may not edit article " + article.id());
        }
    }

    private static List<String> changes(Article before, Article after) {
        List<String> changed = new ArrayList<>();
        if (!before.title().equals(after.title())) changed.add("revision.title");
        if (!before.slug().equals(after.slug())) changed.add("revision.slug");
        if (!Objects.equals(before.dateline(), after.dateline())) changed.add("revision.dateline");
        if (!before.lead().equals(after.lead())) changed.add("revision.lead");
        if (!before.bodyMarkdown().equals(after.bodyMarkdown())) changed.add("revision.body");
        if (!before.categories().equals(after.categories())) changed.add("revision.categories");
        if (!before.tags().equals(after.tags())) changed.add("revision.tags");
        if (!Objects.equals(before.seoTitle(), after.seoTitle())
                || !Objects.equals(before.seoDescription(), after.seoDescription())) changed.add("revision.seo");
        if (!Objects.equals(before.image(), after.image())) changed.add("revision.image");
        return changed;
    }

    private Page<ArticleTeaser> list(JdbcArticleRepository.Filter filter, int page, int size) {
        return page(filter, "a.published_at desc, a.id desc", page, size);
    }

    private Page<ArticleTeaser> page(JdbcArticleRepository.Filter filter, String order, int page, int size) {
        int p = Math.clamp(page, 1, MAX_PAGE);
        return new Page<>(articles.teasers(filter, order, size, (p - 1) * size), p, size, articles.count(filter));
    }

    private static String target(long id) {
        return "article:" + id;
    }

    private static @Nullable String blankToNull(String s) {
        return s.isBlank() ? null : s;
    }
}
