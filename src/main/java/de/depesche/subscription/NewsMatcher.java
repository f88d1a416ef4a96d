package de.depesche.subscription;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import de.depesche.account.AccountManagement;
import de.depesche.article.Article;
import de.depesche.article.ArticleManagement;
import de.depesche.article.ArticlePublished;
import de.depesche.article.Category;
import de.depesche.article.Tag;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.stereotype.Component;

/**
 * Finds, once per published article, every subscription it matches and records one delivery per
 * (subscription, article). Runs once per event, on the node that published, after the commit; the
 * event registry retries it if it fails, and the delivery table's key makes a retry harmless.
 * Deliberately not one transaction: the ways of matching work in parallel and each row stands alone.
 */
@Component
class NewsMatcher {

    private static final Logger log = LoggerFactory.getLogger(NewsMatcher.class);

    private final JdbcSubscriptionRepository repository;
    private final ArticleManagement articles;
    private final AccountManagement accounts;
    private final List<ArticleMatcher> matchers;
    private final Clock clock;
    private final Timer timer;

    NewsMatcher(JdbcSubscriptionRepository repository, ArticleManagement articles, AccountManagement accounts,
                List<ArticleMatcher> matchers, Clock clock, MeterRegistry meters) {
        this.repository = repository;
        this.articles = articles;
        this.accounts = accounts;
        this.matchers = matchers;
        this.clock = clock;
        this.timer = Timer.builder("depesche.subscription.matching").register(meters);
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(ArticlePublished event) {
        articles.find(event.articleId()).filter(Article::isPublished).ifPresent(this::match);
    }

    /**
     * Two statements run side by side, each on its own connection: the topics (categories, tags,
     * author) are recorded at once, in one statement; meanwhile the ways of matching that need the
     * search module find their targets, which are then recorded in a second statement. Each records its
     * rows in one transaction, and a second run (a retry, the article published again) records only what
     * is missing, so a retry after a partial failure is harmless. (One statement
     * per kind, five at once, made the database cores fight over the same index pages.)
     *
     * @return how many deliveries were recorded
     */
    int match(Article article) {
        long start = System.nanoTime();
        Instant now = clock.instant();
        long startedAfter = sincePublished(article);
        String author = accounts.find(article.authorId()).map(a -> a.slug()).orElse("");
        Map<SubscriptionKind, List<String>> topics = new EnumMap<>(SubscriptionKind.class);
        topics.put(SubscriptionKind.CATEGORY, article.categories().stream().map(Category::slug).toList());
        topics.put(SubscriptionKind.TAG, article.tags().stream().map(Tag::slug).toList());
        topics.put(SubscriptionKind.AUTHOR, author.isEmpty() ? List.of() : List.of(author));
        int found;
        String notes;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Step> topicStep = pool.submit(() -> {
                long t = System.nanoTime();
                int n = repository.match(topics, article.id(), now);
                return new Step(n, n + " by topic in " + (System.nanoTime() - t) / 1_000_000 + " ms");
            });
            List<Future<Targets>> searching = new ArrayList<>();
            for (ArticleMatcher matcher : matchers) {
                searching.add(pool.submit(() -> {
                    long t = System.nanoTime();
                    Targets targets = matcher.targets(article, now);
                    return new Targets(targets.kind(), targets.targets(),
                            matcher.name() + " " + (System.nanoTime() - t) / 1_000_000 + " ms (" + targets.note() + ")");
                }));
            }
            Map<SubscriptionKind, List<String>> searched = new EnumMap<>(SubscriptionKind.class);
            List<String> searchNotes = new ArrayList<>();
            for (Future<Targets> f : searching) {
                Targets t = f.get();
                searched.merge(t.kind(), t.targets(), (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList());
                searchNotes.add(t.note());
            }
            long t = System.nanoTime();
            int bySearch = repository.match(searched, article.id(), now);
            String searchStep = bySearch + " by content in " + (System.nanoTime() - start) / 1_000_000 + " ms ("
                    + String.join(", ", searchNotes) + ", recorded in " + (System.nanoTime() - t) / 1_000_000 + " ms)";
            Step byTopic = topicStep.get();
            found = byTopic.recorded() + bySearch;
            notes = byTopic.note() + "; " + searchStep;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while matching article " + article.id(), e);
        }
        long nanos = System.nanoTime() - start;
        timer.record(Duration.ofNanos(nanos));
        log.info("Article {} matched {} subscriptions in {} ms ({}; started {} ms after publishing); {} ms after it was published",
                article.id(), found, nanos / 1_000_000, notes, startedAfter, sincePublished(article));
        return found;
    }

    private long sincePublished(Article article) {
        return article.publishedAt() == null ? 0 : clock.millis() - article.publishedAt().toEpochMilli();
    }

    private record Step(int recorded, String note) {}

    /** The targets of one kind that an article matches, with a note for the log (e.g. the time the search took). */
    record Targets(SubscriptionKind kind, List<String> targets, String note) {}

    /** A way of matching (similar news, saved searches) that needs another module's help to find its targets. */
    interface ArticleMatcher {
        Targets targets(Article article, Instant now);

        String name();
    }
}
