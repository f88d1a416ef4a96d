package de.depesche.subscription;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import de.depesche.article.Article;
import de.depesche.feed.FeedManagement;
import de.depesche.search.ArticleSearch;
import de.depesche.search.SavedSearches;
import de.depesche.search.SimilarArticle;
import de.depesche.site.SiteChanges;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Matching that needs the search module: similar news by content, and saved searches. */
@Configuration
class SearchBasedMatching {

    /**
     * "Similar to X": the new article is close in content to X (German text similarity, not a shared tag).
     * The pairs are also kept, as the news of X's own "similar news" feed.
     */
    @Bean
    NewsMatcher.ArticleMatcher similarNews(ArticleSearch search, JdbcSubscriptionRepository repository,
                                           SubscriptionProperties properties, SiteChanges changes, FeedManagement feeds,
                                           MeterRegistry meters) {
        // The search module's part of matching, apart: it is that module's to make fast.
        Timer searchTimer = Timer.builder("depesche.subscription.matching.similar.search").register(meters);
        return new NewsMatcher.ArticleMatcher() {
            @Override
            public String name() {
                return "similar";
            }

            @Override
            public NewsMatcher.Targets targets(Article article, Instant now) {
                long t = System.nanoTime();
                List<SimilarArticle> earlier = search.earlierArticlesSimilarTo(article, properties.similarMinScore());
                long searchNanos = System.nanoTime() - t;
                searchTimer.record(searchNanos, TimeUnit.NANOSECONDS);
                List<Boolean> isNew = repository.similarNews(earlier.stream()
                        .map(e -> new JdbcSubscriptionRepository.SimilarPair(e.articleId(), article.id(), e.score())).toList(), now);
                List<String> grown = new ArrayList<>();
                for (int i = 0; i < earlier.size(); i++) {
                    if (isNew.get(i)) {
                        grown.add(FeedManagement.similarNewsPath(earlier.get(i).slug()));
                    }
                }
                changes.record(earlier.stream().map(e -> FeedManagement.similarNewsTag(e.articleId())).toArray(String[]::new));
                // The pairs are committed: the earlier articles' feeds have a new item now.
                feeds.announce(grown);
                return new NewsMatcher.Targets(SubscriptionKind.SIMILAR,
                        earlier.stream().map(e -> String.valueOf(e.articleId())).toList(),
                        "search " + searchNanos / 1_000_000 + " ms, " + earlier.size() + " earlier articles");
            }
        };
    }

    /** Saved searches: each stored query is run against the new article alone. */
    @Bean
    NewsMatcher.ArticleMatcher savedSearchMatches(SavedSearches searches, JdbcSubscriptionRepository repository) {
        return new NewsMatcher.ArticleMatcher() {
            @Override
            public String name() {
                return "saved searches";
            }

            @Override
            public NewsMatcher.Targets targets(Article article, Instant now) {
                // Each distinct query is run once, however many readers saved it.
                List<String> distinct = repository.activeSearchQueries();
                Map<Long, String> queries = new LinkedHashMap<>();
                for (int i = 0; i < distinct.size(); i++) {
                    queries.put((long) i, distinct.get(i));
                }
                long t = System.nanoTime();
                List<String> matched = searches.matching(queries, article).stream()
                        .map(i -> distinct.get(i.intValue())).toList();
                long searchNanos = System.nanoTime() - t;
                return new NewsMatcher.Targets(SubscriptionKind.SEARCH, matched,
                        "search " + searchNanos / 1_000_000 + " ms, " + distinct.size() + " queries");
            }
        };
    }
}
