package de.depesche.subscription;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import de.depesche.article.ArticleManagement;
import de.depesche.article.ArticleTeaser;
import de.depesche.site.SiteProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns matched news into mails. All news waiting for a subscriber goes into one mail, so a burst of
 * articles becomes a single bundle; a subscriber who already got the hourly maximum waits, and the
 * waiting news is bundled into the next mail. Marking deliveries as mailed and queueing the mail
 * happen in one transaction: a delivery is handed to the outbox exactly once.
 */
@Configuration
class NewsDispatcher {

    private static final int SUBSCRIBERS_PER_TRANSACTION = 200;

    private final JdbcSubscriptionRepository repository;
    private final ArticleManagement articles;
    private final SubscriptionMails mails;
    private final SubscriptionProperties properties;
    private final SiteProperties site;
    private final TransactionTemplate transactions;
    private final Clock clock;

    NewsDispatcher(JdbcSubscriptionRepository repository, ArticleManagement articles, SubscriptionMails mails,
                   SubscriptionProperties properties, SiteProperties site, TransactionTemplate transactions, Clock clock) {
        this.repository = repository;
        this.articles = articles;
        this.mails = mails;
        this.properties = properties;
        this.site = site;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Bean
    RecurringTask<Void> dispatchNews() {
        return Tasks.recurring("dispatch-subscription-news", FixedDelay.of(properties.dispatchInterval()))
                .execute((instance, context) -> dispatch());
    }

    /** @return how many mails were queued */
    int dispatch() {
        int mailed = 0;
        long after = -1;
        while (true) {
            List<Long> subscribers = repository.subscribersWithPendingMail(after, SUBSCRIBERS_PER_TRANSACTION);
            if (subscribers.isEmpty()) {
                return mailed;
            }
            Integer n = transactions.execute(status -> {
                int queued = 0;
                Map<Long, ArticleTeaser> teasers = new HashMap<>();
                for (long subscriberId : subscribers) {
                    queued += mailOne(subscriberId, teasers) ? 1 : 0;
                }
                return queued;
            });
            mailed += n == null ? 0 : n;
            after = subscribers.getLast();
        }
    }

    private boolean mailOne(long subscriberId, Map<Long, ArticleTeaser> teasers) {
        Instant now = clock.instant();
        if (repository.mailsSince(subscriberId, now.minus(Duration.ofHours(1))) >= properties.maxMailsPerHour()) {
            return false;
        }
        List<JdbcSubscriptionRepository.Pending> pending = repository.pendingMail(subscriberId);
        Subscriber subscriber = repository.subscriber(subscriberId).orElse(null);
        if (pending.isEmpty() || subscriber == null || subscriber.email() == null) {
            return false;
        }
        Map<Long, List<String>> reasons = new LinkedHashMap<>();
        Map<Long, Subscription> subscriptions = new HashMap<>();
        for (JdbcSubscriptionRepository.Pending p : pending) {
            Subscription s = subscriptions.computeIfAbsent(p.subscriptionId(), id -> repository.subscription(id).orElse(null));
            if (s != null) {
                reasons.computeIfAbsent(p.articleId(), k -> new ArrayList<>()).add(s.label());
            }
        }
        List<Long> missing = reasons.keySet().stream().filter(id -> !teasers.containsKey(id)).toList();
        articles.publishedTeasers(missing).forEach(t -> teasers.put(t.id(), t));
        List<SubscriptionMails.NewsItem> items = new ArrayList<>();
        reasons.forEach((articleId, because) -> {
            ArticleTeaser t = teasers.get(articleId);
            if (t != null) {
                items.add(new SubscriptionMails.NewsItem(t, site.url(t.path()), because));
            }
        });
        long mailId = repository.newMail(subscriberId, items.size(), now);
        repository.attach(subscriberId, mailId, pending);
        if (items.isEmpty()) {
            // Every article was withdrawn meanwhile: nothing to tell, but the deliveries are settled.
            return false;
        }
        mails.news(subscriber, mailId, items);
        return true;
    }
}
