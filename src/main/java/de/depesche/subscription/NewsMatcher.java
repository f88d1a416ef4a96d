package de.depesche.subscription;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

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
     * The ways of matching run side by side, each on its own connection: they write disjoint rows,
     * every insert skips what is already recorded, so a retry after a partial failure is harmless.
     *
     * @return how many deliveries were recorded
     */
    int match(Article article) {
        long start = System.nanoTime();
        Instant now = clock.instant();
        long startedAfter = sincePublished(article);
        String author = accounts.find(article.authorId()).map(a -> a.slug()).orElse("");
        List<ArticleMatcher> all = new ArrayList<>(topicMatchers(article, author));
        all.addAll(matchers);
        List<Future<String>> steps = new ArrayList<>();
        int found = 0;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> counts = new ArrayList<>();
            for (ArticleMatcher matcher : all) {
                CompletableFuture<String> step = new CompletableFuture<>();
                steps.add(step);
                counts.add(pool.submit(() -> {
                    long t = System.nanoTime();
                    Found f = matcher.match(article, now);
                    step.complete(matcher.name() + " " + (System.nanoTime() - t) / 1_000_000 + " ms"
                            + (f.note().isEmpty() ? "" : " (" + f.note() + ")"));
                    return f.deliveries();
                }));
            }
            for (Future<Integer> count : counts) {
                found += count.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while matching article " + article.id(), e);
        }
        long nanos = System.nanoTime() - start;
        timer.record(Duration.ofNanos(nanos));
        log.info("Article {} matched {} subscriptions in {} ms ({}, side by side; started {} ms after publishing); {} ms after it was published",
                article.id(), found, nanos / 1_000_000, steps.stream().map(Future::resultNow).collect(Collectors.joining(", ")),
                startedAfter, sincePublished(article));
        return found;
    }

    private long sincePublished(Article article) {
        return article.publishedAt() == null ? 0 : clock.millis() - article.publishedAt().toEpochMilli();
    }

    /**
     * Categories, tags and the author: one statement each, so that the three run on connections (and
     * database cores) of their own; they write disjoint rows.
     */
    private List<ArticleMatcher> topicMatchers(Article article, String author) {
        List<String> categories = article.categories().stream().map(Category::slug).toList();
        List<String> tags = article.tags().stream().map(Tag::slug).toList();
        return List.of(
                topic("categories", (a, at) -> repository.match(SubscriptionKind.CATEGORY, categories, a.id(), at)),
                topic("tags", (a, at) -> repository.match(SubscriptionKind.TAG, tags, a.id(), at)),
                topic("author", (a, at) -> repository.match(SubscriptionKind.AUTHOR,
                        author.isEmpty() ? List.of() : List.of(author), a.id(), at)));
    }

    private static ArticleMatcher topic(String name, java.util.function.ToIntBiFunction<Article, Instant> match) {
        return new ArticleMatcher() {
            @Override
            public Found match(Article article, Instant now) {
                return new Found(match.applyAsInt(article, now), "");
            }

            @Override
            public String name() {
                return name;
            }
        };
    }

    /** What one way of matching recorded, with a note for the log (e.g. the time the search module took). */
    record Found(int deliveries, String note) {}

    /** A further way of matching (similar news, saved searches) that needs another module's help. */
    interface ArticleMatcher {
        Found match(Article article, Instant now);

        String name();
    }
}
