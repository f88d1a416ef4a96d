package de.depesche.subscription;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

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
import org.springframework.stereotype.Component;

/**
 * Finds, once per published article, every subscription it matches and records one delivery per
 * (subscription, article). Runs once per event, on the node that published, after the commit; the
 * event registry retries it if it fails, and the delivery table's key makes a retry harmless.
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

    @ApplicationModuleListener
    void on(ArticlePublished event) {
        articles.find(event.articleId()).filter(Article::isPublished).ifPresent(this::match);
    }

    /** @return how many deliveries were recorded */
    int match(Article article) {
        long start = System.nanoTime();
        Instant now = clock.instant();
        String author = accounts.find(article.authorId()).map(a -> a.slug()).orElse("");
        int found = repository.matchTopics(article.categories().stream().map(Category::slug).toList(),
                article.tags().stream().map(Tag::slug).toList(), author, article.id(), now);
        StringBuilder steps = new StringBuilder("topics ").append((System.nanoTime() - start) / 1_000_000).append(" ms");
        for (ArticleMatcher matcher : matchers) {
            long t = System.nanoTime();
            found += matcher.match(article, now);
            steps.append(", ").append(matcher.name()).append(' ').append((System.nanoTime() - t) / 1_000_000).append(" ms");
        }
        long nanos = System.nanoTime() - start;
        timer.record(java.time.Duration.ofNanos(nanos));
        long sincePublished = article.publishedAt() == null ? 0 : clock.millis() - article.publishedAt().toEpochMilli();
        log.info("Article {} matched {} subscriptions in {} ms ({}); {} ms after it was published",
                article.id(), found, nanos / 1_000_000, steps, sincePublished);
        return found;
    }

    /** A further way of matching (similar news, saved searches) that needs another module's help. */
    interface ArticleMatcher {
        int match(Article article, Instant now);

        String name();
    }
}
