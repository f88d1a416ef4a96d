package de.depesche.article;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** The article tables: article, article_category, article_tag, article_slug, category, tag. */
@Repository
class JdbcArticleRepository {

    private static final String TEASER_COLUMNS = """
            a.id, a.title, a.slug, a.dateline, a.lead_text, a.status, a.author_id, a.publish_at, a.published_at,
            a.updated_at, a.image_id, a.image_caption, a.image_credit""";

    private final JdbcClient jdbc;
    private final JdbcImageRepository images;

    /** A savepoint: a duplicate key rolls back only the insert, not the caller's transaction (PostgreSQL). */
    private final TransactionTemplate savepoint;

    JdbcArticleRepository(JdbcClient jdbc, JdbcImageRepository images, PlatformTransactionManager transactions) {
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.jdbc = jdbc;
        this.images = images;
    }

    /** The columns of one article, as stored. */
    record Row(String title, String slug, @Nullable String dateline, String lead, String bodyMarkdown, String bodyHtml,
               @Nullable String seoTitle, @Nullable String seoDescription, @Nullable Long imageId,
               @Nullable String imageCaption, @Nullable String imageCredit) {}

    long insert(Row row, long authorId, Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into article (title, slug, dateline, lead_text, body_markdown, body_html, status, author_id,
                                             created_at, updated_at, changed_at, seo_title, seo_description,
                                             image_id, image_caption, image_credit, version)
                        values (:title, :slug, :dateline, :lead, :markdown, :html, 'DRAFT', :author,
                                :now, :now, :now, :seoTitle, :seoDescription, :imageId, :caption, :credit, 1)
                        """)
                .params(params(row))
                .param("author", authorId)
                .param("now", Timestamp.from(now))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    /** Saves new content if nobody saved in between; false when the version moved on. */
    boolean update(long id, int expectedVersion, Row row, Instant now) {
        return jdbc.sql("""
                        update article set title = :title, slug = :slug, dateline = :dateline, lead_text = :lead,
                               body_markdown = :markdown, body_html = :html, seo_title = :seoTitle,
                               seo_description = :seoDescription, image_id = :imageId, image_caption = :caption,
                               image_credit = :credit, updated_at = :now, changed_at = :now, version = version + 1
                        where id = :id and version = :version
                        """)
                .params(params(row))
                .param("now", Timestamp.from(now))
                .param("id", id)
                .param("version", expectedVersion)
                .update() == 1;
    }

    private static Map<String, Object> params(Row row) {
        Map<String, Object> p = new HashMap<>();
        p.put("title", row.title());
        p.put("slug", row.slug());
        p.put("dateline", row.dateline());
        p.put("lead", row.lead());
        p.put("markdown", row.bodyMarkdown());
        p.put("html", row.bodyHtml());
        p.put("seoTitle", row.seoTitle());
        p.put("seoDescription", row.seoDescription());
        p.put("imageId", row.imageId());
        p.put("caption", row.imageCaption());
        p.put("credit", row.imageCredit());
        return p;
    }

    /**
     * Moves an article to a new status if it is in one of the expected states. Returning false means
     * another node or request got there first.
     */
    boolean transition(long id, Collection<ArticleStatus> from, ArticleStatus to, @Nullable Instant publishAt,
                       @Nullable Instant firstPublishedAt, Instant now) {
        return transition(id, from, to, publishAt, firstPublishedAt, now, now);
    }

    /** @param updatedAt what readers see as the last change; {@code now} goes into the change feed */
    boolean transition(long id, Collection<ArticleStatus> from, ArticleStatus to, @Nullable Instant publishAt,
                       @Nullable Instant firstPublishedAt, Instant updatedAt, Instant now) {
        return jdbc.sql("""
                        update article set status = :to, publish_at = :publishAt,
                               published_at = coalesce(published_at, :publishedAt),
                               updated_at = :updatedAt, changed_at = :now, version = version + 1
                        where id = :id and status in (:from)
                        """)
                .param("to", to.name())
                .param("publishAt", publishAt == null ? null : Timestamp.from(publishAt))
                .param("publishedAt", firstPublishedAt == null ? null : Timestamp.from(firstPublishedAt))
                .param("updatedAt", Timestamp.from(updatedAt))
                .param("now", Timestamp.from(now))
                .param("id", id)
                .param("from", from.stream().map(Enum::name).toList())
                .update() == 1;
    }

    /**
     * An article that was published elsewhere before (import, demo content) keeps its original dates for
     * readers; the change feed gets the real time of the write, so every node takes it in.
     */
    void markPublishedAt(long id, Instant publishedAt, Instant now) {
        jdbc.sql("""
                        update article set status = 'PUBLISHED', published_at = :at, updated_at = :at, created_at = :at,
                               changed_at = :now
                        where id = :id
                        """)
                .param("at", Timestamp.from(publishedAt)).param("now", Timestamp.from(now)).param("id", id).update();
    }

    /** Articles whose page shows something that changed elsewhere (an author's name): into the change feed. */
    int touchByAuthor(long authorId, Instant now) {
        return jdbc.sql("update article set changed_at = :now where author_id = :author")
                .param("now", Timestamp.from(now)).param("author", authorId).update();
    }

    /** Articles in a category whose name changed: into the change feed. */
    int touchByCategory(long categoryId, Instant now) {
        return jdbc.sql("""
                        update article set changed_at = :now
                        where id in (select article_id from article_category where category_id = :category)
                        """)
                .param("now", Timestamp.from(now)).param("category", categoryId).update();
    }

    List<Long> dueForPublication(Instant now) {
        return jdbc.sql("select id from article where status = 'SCHEDULED' and publish_at <= :now order by publish_at")
                .param("now", Timestamp.from(now))
                .query(Long.class).list();
    }

    Optional<Article> find(long id) {
        return jdbc.sql("select * from article where id = :id").param("id", id)
                .query(this::article).optional()
                .map(this::withRelations);
    }

    Optional<Article> findBySlug(String slug) {
        return jdbc.sql("select * from article where slug = :slug").param("slug", slug)
                .query(this::article).optional()
                .map(this::withRelations);
    }

    /** The article that uses this slug now or used it before, if any. */
    Optional<Long> slugOwner(String slug) {
        Optional<Long> current = jdbc.sql("select id from article where slug = :slug").param("slug", slug)
                .query(Long.class).optional();
        return current.isPresent() ? current : formerSlugOwner(slug);
    }

    Optional<Long> formerSlugOwner(String slug) {
        return jdbc.sql("select article_id from article_slug where slug = :slug").param("slug", slug)
                .query(Long.class).optional();
    }

    void rememberFormerSlug(String slug, long articleId) {
        jdbc.sql("delete from article_slug where slug = :slug").param("slug", slug).update();
        jdbc.sql("insert into article_slug (slug, article_id) values (:slug, :id)")
                .param("slug", slug).param("id", articleId).update();
    }

    void forgetFormerSlug(String slug) {
        jdbc.sql("delete from article_slug where slug = :slug").param("slug", slug).update();
    }

    void replaceCategories(long articleId, List<Long> categoryIds) {
        jdbc.sql("delete from article_category where article_id = :id").param("id", articleId).update();
        int position = 0;
        for (long categoryId : categoryIds) {
            jdbc.sql("insert into article_category (article_id, category_id, position) values (:a, :c, :p)")
                    .param("a", articleId).param("c", categoryId).param("p", position++).update();
        }
    }

    void replaceTags(long articleId, List<Long> tagIds) {
        jdbc.sql("delete from article_tag where article_id = :id").param("id", articleId).update();
        int position = 0;
        for (long tagId : tagIds) {
            jdbc.sql("insert into article_tag (article_id, tag_id, position) values (:a, :t, :p)")
                    .param("a", articleId).param("t", tagId).param("p", position++).update();
        }
    }

    // --- lists -------------------------------------------------------------------------------------

    /** A filter on the article table, as SQL with its parameters; built only from fixed fragments. */
    record Filter(String where, Map<String, Object> params) {
        static Filter published() {
            return new Filter("a.status = 'PUBLISHED'", Map.of());
        }

        Filter and(String condition, String name, Object value) {
            Map<String, Object> p = new LinkedHashMap<>(params);
            p.put(name, value);
            return new Filter(where + " and " + condition, p);
        }
    }

    List<ArticleTeaser> teasers(Filter filter, String orderBy, int limit, int offset) {
        List<ArticleTeaser> bare = jdbc.sql("select " + TEASER_COLUMNS + " from article a where " + filter.where()
                        + " order by " + orderBy + " limit :limit offset :offset")
                .params(filter.params())
                .param("limit", limit)
                .param("offset", offset)
                .query(this::teaser).list();
        if (bare.isEmpty()) {
            return bare;
        }
        Map<Long, List<Category>> categories = categoriesOf(bare.stream().map(ArticleTeaser::id).toList());
        return bare.stream().map(t -> new ArticleTeaser(t.id(), t.title(), t.slug(), t.dateline(), t.lead(), t.status(),
                t.authorId(), t.publishAt(), t.publishedAt(), t.updatedAt(),
                categories.getOrDefault(t.id(), List.of()), t.image())).toList();
    }

    List<Article> publishedBatch(long afterId, int limit) {
        return withRelations(jdbc.sql("""
                        select * from article where status = 'PUBLISHED' and id > :after order by id limit :limit
                        """)
                .param("after", afterId).param("limit", limit)
                .query(this::article).list());
    }

    /** Articles by id in the order of the ids (unknown ids left out), with categories and tags, in three queries. */
    List<Article> findAll(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, Article> byId = new HashMap<>();
        withRelations(jdbc.sql("select * from article where id in (:ids)").param("ids", ids)
                .query(this::article).list()).forEach(a -> byId.put(a.id(), a));
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    private List<Article> withRelations(List<Article> bare) {
        if (bare.isEmpty()) {
            return bare;
        }
        List<Long> ids = bare.stream().map(Article::id).toList();
        Map<Long, List<Category>> categories = categoriesOf(ids);
        Map<Long, List<Tag>> tags = new HashMap<>();
        jdbc.sql("""
                        select at2.article_id, t.id, t.name, t.slug from article_tag at2 join tag t on t.id = at2.tag_id
                        where at2.article_id in (:ids) order by at2.article_id, at2.position
                        """)
                .param("ids", ids)
                .query((rs, n) -> tags.computeIfAbsent(rs.getLong("article_id"), k -> new ArrayList<>())
                        .add(new Tag(rs.getLong("id"), rs.getString("name"), rs.getString("slug"))))
                .list();
        return bare.stream().map(a -> new Article(a.id(), a.title(), a.slug(), a.dateline(), a.lead(), a.bodyMarkdown(),
                a.bodyHtml(), a.status(), a.authorId(), a.publishAt(), a.publishedAt(), a.updatedAt(), a.createdAt(),
                a.changedAt(),
                categories.getOrDefault(a.id(), List.of()), tags.getOrDefault(a.id(), List.of()),
                a.seoTitle(), a.seoDescription(), a.image(), a.version())).toList();
    }

    List<ArticleChange> changedSince(Instant since, long afterId, int limit) {
        return jdbc.sql("""
                        select id, status, changed_at from article
                        where changed_at > :since or (changed_at = :since and id > :after)
                        order by changed_at, id
                        limit :limit
                        """)
                .param("since", Timestamp.from(since)).param("after", afterId).param("limit", limit)
                .query((rs, n) -> new ArticleChange(rs.getLong("id"), ArticleStatus.valueOf(rs.getString("status")),
                        rs.getTimestamp("changed_at").toInstant()))
                .list();
    }

    long count(Filter filter) {
        return jdbc.sql("select count(*) from article a where " + filter.where())
                .params(filter.params()).query(Long.class).single();
    }

    Optional<Instant> lastChange(Filter filter) {
        return jdbc.sql("select max(a.updated_at) from article a where " + filter.where())
                .params(filter.params())
                .query((rs, n) -> rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant())
                .optional();
    }

    // --- addresses for sitemaps -------------------------------------------------------------------

    /** Published articles' addresses and last changes, oldest first. */
    List<PublishedPath> publishedPaths(int limit, int offset) {
        return jdbc.sql("""
                        select slug, updated_at from article where status = 'PUBLISHED'
                        order by id limit :limit offset :offset
                        """)
                .param("limit", limit).param("offset", offset)
                .query((rs, n) -> new PublishedPath("/" + rs.getString(1), rs.getTimestamp(2).toInstant())).list();
    }

    /** Categories with published articles; a category page changes when one of its articles does. */
    List<PublishedPath> categoryPaths() {
        return jdbc.sql("""
                        select c.slug, max(a.updated_at) from category c
                        join article_category ac on ac.category_id = c.id
                        join article a on a.id = ac.article_id and a.status = 'PUBLISHED'
                        group by c.id, c.slug order by c.slug
                        """)
                .query((rs, n) -> new PublishedPath("/kategorie/" + rs.getString(1), rs.getTimestamp(2).toInstant())).list();
    }

    /** Tags with at least {@code minArticles} published articles (pages with fewer are noindex). */
    List<PublishedPath> tagPaths(int minArticles, int limit, int offset) {
        return jdbc.sql("""
                        select t.slug, max(a.updated_at) from tag t
                        join article_tag at2 on at2.tag_id = t.id
                        join article a on a.id = at2.article_id and a.status = 'PUBLISHED'
                        group by t.id, t.slug having count(*) >= :min
                        order by t.id limit :limit offset :offset
                        """)
                .param("min", minArticles).param("limit", limit).param("offset", offset)
                .query((rs, n) -> new PublishedPath("/tag/" + rs.getString(1), rs.getTimestamp(2).toInstant())).list();
    }

    Optional<Instant> newestPublishedChange(int limit, int offset) {
        return jdbc.sql("""
                        select max(p.updated_at) from (select updated_at from article where status = 'PUBLISHED'
                                                       order by id limit :limit offset :offset) p
                        """)
                .param("limit", limit).param("offset", offset)
                .query((rs, n) -> rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant()).optional();
    }

    Optional<Instant> newestTagChange(int minArticles, int limit, int offset) {
        return jdbc.sql("""
                        select max(p.last_change) from (select max(a.updated_at) as last_change from tag t
                                                        join article_tag at2 on at2.tag_id = t.id
                                                        join article a on a.id = at2.article_id and a.status = 'PUBLISHED'
                                                        group by t.id having count(*) >= :min
                                                        order by t.id limit :limit offset :offset) p
                        """)
                .param("min", minArticles).param("limit", limit).param("offset", offset)
                .query((rs, n) -> rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant()).optional();
    }

    long tagPathCount(int minArticles) {
        return jdbc.sql("""
                        select count(*) from (select t.id from tag t
                        join article_tag at2 on at2.tag_id = t.id
                        join article a on a.id = at2.article_id and a.status = 'PUBLISHED'
                        group by t.id having count(*) >= :min) listed
                        """)
                .param("min", minArticles).query(Long.class).single();
    }

    // --- categories and tags ----------------------------------------------------------------------

    List<Category> categories() {
        return jdbc.sql("select id, name, slug, description from category order by position, name")
                .query(JdbcArticleRepository::category).list();
    }

    Optional<Category> categoryBySlug(String slug) {
        return jdbc.sql("select id, name, slug, description from category where slug = :slug").param("slug", slug)
                .query(JdbcArticleRepository::category).optional();
    }

    /**
     * Inserts the category unless one with its slug exists or is being created by another transaction at
     * this moment: the insert runs under a savepoint, so the duplicate key (which the database reports
     * once the other transaction commits) leaves the surrounding transaction usable on PostgreSQL too.
     * Empty when the slug was taken.
     */
    Optional<Long> insertCategory(String name, String slug, String description) {
        try {
            return Optional.of(savepoint.execute(status -> {
                GeneratedKeyHolder keys = new GeneratedKeyHolder();
                jdbc.sql("""
                                insert into category (name, slug, description, position)
                                values (:name, :slug, :description, (select coalesce(max(position), 0) + 1 from category))
                                """)
                        .param("name", name).param("slug", slug).param("description", description)
                        .update(keys, "id");
                return keys.getKeyAs(Number.class).longValue();
            }));
        } catch (DuplicateKeyException createdMeanwhile) {
            return Optional.empty();
        }
    }

    void updateCategory(long id, String name, String description) {
        jdbc.sql("update category set name = :name, description = :description where id = :id")
                .param("name", name).param("description", description).param("id", id).update();
    }

    Optional<Tag> tagBySlug(String slug) {
        return jdbc.sql("select id, name, slug from tag where slug = :slug").param("slug", slug)
                .query((rs, n) -> new Tag(rs.getLong("id"), rs.getString("name"), rs.getString("slug"))).optional();
    }

    /**
     * The tag's id, created if need be. Race-free: when another transaction creates the same tag at
     * this moment, the insert (under a savepoint) fails with a duplicate key once that one commits, and
     * the re-read sees its row.
     */
    long tagId(String name, String slug) {
        Optional<Tag> existing = tagBySlug(slug);
        if (existing.isPresent()) {
            return existing.get().id();
        }
        try {
            return savepoint.execute(status -> {
                GeneratedKeyHolder keys = new GeneratedKeyHolder();
                jdbc.sql("insert into tag (name, slug) values (:name, :slug)")
                        .param("name", name).param("slug", slug).update(keys, "id");
                return keys.getKeyAs(Number.class).longValue();
            });
        } catch (DuplicateKeyException createdMeanwhile) {
            return tagBySlug(slug).orElseThrow().id();
        }
    }

    private Map<Long, List<Category>> categoriesOf(List<Long> articleIds) {
        Map<Long, List<Category>> result = new HashMap<>();
        jdbc.sql("""
                        select ac.article_id, c.id, c.name, c.slug, c.description
                        from article_category ac join category c on c.id = ac.category_id
                        where ac.article_id in (:ids) order by ac.article_id, ac.position
                        """)
                .param("ids", articleIds)
                .query((rs, n) -> result.computeIfAbsent(rs.getLong("article_id"), k -> new ArrayList<>())
                        .add(category(rs, n)))
                .list();
        return result;
    }

    private List<Tag> tagsOf(long articleId) {
        return jdbc.sql("""
                        select t.id, t.name, t.slug from article_tag at2 join tag t on t.id = at2.tag_id
                        where at2.article_id = :id order by at2.position
                        """)
                .param("id", articleId)
                .query((rs, n) -> new Tag(rs.getLong("id"), rs.getString("name"), rs.getString("slug"))).list();
    }

    private Article withRelations(Article a) {
        return new Article(a.id(), a.title(), a.slug(), a.dateline(), a.lead(), a.bodyMarkdown(), a.bodyHtml(),
                a.status(), a.authorId(), a.publishAt(), a.publishedAt(), a.updatedAt(), a.createdAt(), a.changedAt(),
                categoriesOf(List.of(a.id())).getOrDefault(a.id(), List.of()), tagsOf(a.id()),
                a.seoTitle(), a.seoDescription(), a.image(), a.version());
    }

    private Article article(ResultSet rs, int row) throws SQLException {
        return new Article(rs.getLong("id"), rs.getString("title"), rs.getString("slug"), rs.getString("dateline"),
                rs.getString("lead_text"), rs.getString("body_markdown"), rs.getString("body_html"),
                ArticleStatus.valueOf(rs.getString("status")), rs.getLong("author_id"),
                instant(rs, "publish_at"), instant(rs, "published_at"), instant(rs, "updated_at"),
                instant(rs, "created_at"), instant(rs, "changed_at"), List.of(), List.of(), rs.getString("seo_title"),
                rs.getString("seo_description"), image(rs), rs.getInt("version"));
    }

    private ArticleTeaser teaser(ResultSet rs, int row) throws SQLException {
        return new ArticleTeaser(rs.getLong("id"), rs.getString("title"), rs.getString("slug"),
                rs.getString("dateline"), rs.getString("lead_text"), ArticleStatus.valueOf(rs.getString("status")),
                rs.getLong("author_id"), instant(rs, "publish_at"), instant(rs, "published_at"),
                instant(rs, "updated_at"), List.of(), image(rs));
    }

    private @Nullable FeaturedImage image(ResultSet rs) throws SQLException {
        long imageId = rs.getLong("image_id");
        if (rs.wasNull()) {
            return null;
        }
        String caption = rs.getString("image_caption");
        String credit = rs.getString("image_credit");
        return images.find(imageId)
                .map(i -> new FeaturedImage(i.id(), i.width(), i.height(), i.widths(),
                        caption == null ? "" : caption, credit == null ? "" : credit))
                .orElse(null);
    }

    private static Category category(ResultSet rs, int row) throws SQLException {
        String description = rs.getString("description");
        return new Category(rs.getLong("id"), rs.getString("name"), rs.getString("slug"),
                description == null ? "" : description);
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
