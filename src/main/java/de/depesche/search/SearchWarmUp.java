package de.depesche.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import de.depesche.article.Article;
import de.depesche.article.ArticleManagement;
import org.apache.lucene.document.LongField;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Takes the search paths once through their first use when the site has started, in the background:
 * a search, similar articles, "earlier articles like this new one" and saved searches against one
 * article. The first use of each loads the German analysis (dictionaries for decompounding, stemmer
 * tables) and Lucene's code paths, a few hundred milliseconds that would otherwise fall on the first
 * reader, or on the first publication's matching of subscriptions.
 */
@Component
class SearchWarmUp {

    private static final Logger log = LoggerFactory.getLogger(SearchWarmUp.class);
    /** Rounds over the newest articles: enough for the code to be compiled, a second or so at most. */
    private static final int ROUNDS = 20;
    private static final long MAX_MILLIS = 3_000;

    private final IndexKeeper index;
    private final ArticleSearch search;
    private final SavedSearches savedSearches;
    private final ArticleManagement articles;

    SearchWarmUp(IndexKeeper index, ArticleSearch search, SavedSearches savedSearches, ArticleManagement articles) {
        this.index = index;
        this.search = search;
        this.savedSearches = savedSearches;
        this.articles = articles;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onReady() {
        Thread.ofPlatform().daemon().name("search-warm-up").priority(Thread.MIN_PRIORITY).start(this::warmUp);
    }

    void warmUp() {
        long start = System.nanoTime();
        try {
            List<Article> newest = newest(5).stream().map(id -> articles.find(id).filter(Article::isPublished))
                    .flatMap(java.util.Optional::stream).toList();
            if (newest.isEmpty()) {
                return;
            }
            Map<Long, String> queries = Map.of(1L, "Regierung", 2L, "\"neue Regeln\" -Sport", 3L, "Sicherheitsgarantie");
            int rounds = 0;
            while (rounds < ROUNDS && (System.nanoTime() - start) / 1_000_000 < MAX_MILLIS) {
                for (Article article : newest) {
                    try {
                        search.search(SearchQuery.of(article.title()));
                    } catch (de.depesche.site.InvalidInput e) {
                        // a title that is no valid query (an unclosed quote): the other paths still warm up
                    }
                    search.earlierArticlesSimilarTo(article, 0.3);
                    savedSearches.matching(queries, article);
                }
                rounds++;
            }
            log.info("Search warmed up in {} ms ({} rounds over {} articles)", (System.nanoTime() - start) / 1_000_000,
                    rounds, newest.size());
        } catch (RuntimeException e) {
            // Only the first reader's wait is at stake: say so and carry on.
            log.warn("Search warm-up stopped early: {}", e.toString());
        }
    }

    private List<Long> newest(int n) {
        return index.read(s -> {
            List<Long> ids = new ArrayList<>();
            for (ScoreDoc hit : s.search(new MatchAllDocsQuery(), n,
                    new Sort(LongField.newSortField(IndexedArticle.PUBLISHED, true, org.apache.lucene.search.SortedNumericSelector.Type.MAX))).scoreDocs) {
                ids.add(LiveIndex.number(s.getIndexReader(), hit.doc, IndexedArticle.ID));
            }
            return ids;
        });
    }
}
