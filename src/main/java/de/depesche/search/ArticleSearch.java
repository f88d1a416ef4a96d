package de.depesche.search;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import de.depesche.article.Article;
import de.depesche.article.ArticleManagement;
import de.depesche.site.SiteProperties;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongField;
import org.apache.lucene.search.IndexSearcher;
import org.springframework.stereotype.Service;

/**
 * Search and similar news over the published articles: the reader's research ("Themenrecherche"),
 * the "similar articles" under each article, and for the subscription engine the earlier articles a
 * new one is close to. Reads never wait for a rebuild of the index.
 */
@Service
public class ArticleSearch {

    /** More than this many similar articles is no longer "similar". */
    public static final int MAX_SIMILAR = 20;
    /** The most earlier articles {@link #earlierArticlesSimilarTo} returns. */
    public static final int MAX_EARLIER = 500;
    /** How many content matches the recency weighting chooses from. */
    private static final int SIMILAR_CANDIDATES = 30;
    /** What an old similar article still counts, compared with a new one. */
    private static final double OLDEST_SHARE = 0.6;

    private final IndexKeeper index;
    private final ArticleManagement articles;
    private final SearchEngine engine;
    private final SearchProperties properties;
    private final Clock clock;
    private final SimilarCache cache = new SimilarCache();
    private final SimilarNeighbours neighbours;

    ArticleSearch(IndexKeeper index, SimilarNeighbours neighbours, ArticleManagement articles, GermanAnalysis analysis,
                  SearchProperties properties, SiteProperties site, Clock clock) {
        this.index = index;
        this.neighbours = neighbours;
        this.articles = articles;
        this.properties = properties;
        this.clock = clock;
        this.engine = new SearchEngine(analysis, new SearchEngine.Settings(properties.recencyWeight(),
                properties.recencyPivot().toMillis(), site.timeZone()));
    }

    /**
     * One page of matches.
     *
     * @throws de.depesche.site.InvalidInput for queries that cannot be understood (field {@code q}), with a
     *                                       message key that explains how to ask instead
     */
    public SearchResults search(SearchQuery query) {
        return index.read(s -> engine.search(s, query, clock.instant()));
    }

    /**
     * The published articles closest in content to this one, newer ones slightly ahead; best first. The
     * order comes from the {@link SimilarityGraph} (closeness within the topic), the score is the content
     * similarity 0…1 × the recency factor. While the graph is being built, and for an article it does not
     * hold yet, the order is that of the direct comparison.
     */
    public List<SimilarArticle> findSimilar(long articleId, int limit) {
        int wanted = Math.clamp(limit, 1, MAX_SIMILAR);
        long now = clock.millis();
        double halfLife = Math.max(1, properties.similarHalfLife().toMillis());
        SimilarityGraph graph = neighbours.graph();
        long graphVersion = neighbours.version();
        return index.read(s -> cache.get(s, graphVersion, articleId, wanted, () ->
                neighbours.ready() && graph.contains(articleId)
                        ? similar(s, graph, articleId, wanted, now, halfLife)
                        : similar(s, articleId, wanted, now, halfLife)));
    }

    /** The closest articles by direct comparison, content similarity × a recency factor (1.0 for new articles, towards 0.6 for old ones). */
    static List<SimilarArticle> similar(IndexSearcher s, long articleId, int wanted, long now, double halfLife)
            throws IOException {
        int doc = LiveIndex.docOf(s, articleId);
        if (doc < 0) {
            return List.of();
        }
        List<Ranked> ranked = new ArrayList<>();
        for (Likeness.Match m : Likeness.like(s, doc, articleId, null, Math.max(SIMILAR_CANDIDATES, wanted))) {
            double recency = recency(now, m.publishedMillis(), halfLife);
            ranked.add(new Ranked(m, m.similarity() * recency, m.similarity() * recency));
        }
        ranked.sort(Comparator.comparingDouble(Ranked::order).reversed());
        return similar(s, ranked.stream().limit(wanted).toList());
    }

    /**
     * The closest articles along the similarity graph: the walk's closeness × the recency factor orders
     * them; articles the index no longer holds (withdrawn a moment ago) are left out.
     */
    static List<SimilarArticle> similar(IndexSearcher s, SimilarityGraph graph, long articleId, int wanted, long now,
                                        double halfLife) throws IOException {
        if (LiveIndex.docOf(s, articleId) < 0) {
            return List.of();
        }
        List<Ranked> ranked = new ArrayList<>();
        for (SimilarityGraph.Reached r : graph.near(articleId, Math.max(SIMILAR_CANDIDATES, wanted), id -> true)) {
            int doc = LiveIndex.docOf(s, r.articleId());
            if (doc < 0) {
                continue;
            }
            long published = LiveIndex.number(s.getIndexReader(), doc, IndexedArticle.PUBLISHED);
            double recency = recency(now, published, halfLife);
            ranked.add(new Ranked(new Likeness.Match(doc, r.articleId(), r.similarity(), published),
                    r.similarity() * recency, r.score() * recency));
        }
        ranked.sort(Comparator.comparingDouble(Ranked::order).reversed());
        return similar(s, ranked.stream().limit(wanted).toList());
    }

    private static double recency(long now, long publishedMillis, double halfLife) {
        double age = Math.max(0, now - publishedMillis);
        return OLDEST_SHARE + (1 - OLDEST_SHARE) * Math.pow(2, -age / halfLife);
    }

    /**
     * The articles published before this one whose content similarity to it reaches {@code minScore}
     * (0…1), best first, at most {@link #MAX_EARLIER}. For the subscription engine: "tell me about news
     * similar to X" matches when a new article is close to X. Empty for unknown or unpublished articles.
     */
    public List<SimilarArticle> earlierArticlesSimilarTo(long newArticleId, double minScore) {
        return articles.find(newArticleId).map(a -> earlierArticlesSimilarTo(a, minScore)).orElse(List.of());
    }

    /** The same, for a caller that has just read the article (saves reading it again). */
    public List<SimilarArticle> earlierArticlesSimilarTo(Article article, double minScore) {
        if (!article.isPublished()) {
            return List.of();
        }
        long newArticleId = article.id();
        long before = article.displayDate().toEpochMilli() - 1;
        List<SimilarArticle> found = index.read(s -> earlier(s, newArticleId, before, minScore));
        if (found == null) {
            // Published a moment ago and not yet indexed on this node: index it now (or wait for the
            // update under way), then ask again.
            index.ensureIndexed(newArticleId);
            found = index.read(s -> earlier(s, newArticleId, before, minScore));
        }
        return found == null ? List.of() : found;
    }

    private List<SimilarArticle> earlier(IndexSearcher s, long articleId, long before, double minScore) throws IOException {
        int doc = LiveIndex.docOf(s, articleId);
        if (doc < 0) {
            return null;
        }
        List<Ranked> ranked = Likeness.like(s, doc, articleId,
                        LongField.newRangeQuery(IndexedArticle.PUBLISHED, Long.MIN_VALUE, before), MAX_EARLIER).stream()
                .filter(m -> m.similarity() >= minScore)
                .map(m -> new Ranked(m, m.similarity(), m.similarity()))
                .toList();
        return similar(s, ranked);
    }

    /** @param score what the reader or client is shown (0…1); @param order what ranks it */
    private record Ranked(Likeness.Match match, double score, double order) {}

    private static List<SimilarArticle> similar(IndexSearcher s, List<Ranked> ranked) throws IOException {
        var stored = s.storedFields();
        List<SimilarArticle> result = new ArrayList<>(ranked.size());
        for (Ranked r : ranked) {
            Document d = stored.document(r.match().doc(), Set.of(IndexedArticle.TITLE, IndexedArticle.SLUG));
            result.add(new SimilarArticle(r.match().articleId(), d.get(IndexedArticle.TITLE), d.get(IndexedArticle.SLUG),
                    Math.round(r.score() * 1000) / 1000.0));
        }
        return result;
    }

    /** Rebuilds the index from the database in the background; false when a rebuild is already running. */
    public boolean rebuild(String reason) {
        return index.rebuild(reason);
    }

    public RebuildProgress rebuildProgress() {
        return index.progress();
    }

    public IndexStats stats() {
        return index.stats();
    }

    /** The time the search uses as "now" (for the recency weighting); exposed for tests of the ordering. */
    Instant now() {
        return clock.instant();
    }
}
