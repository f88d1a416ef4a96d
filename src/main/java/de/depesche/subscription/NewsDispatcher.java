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
import de.depesche.mail.MailOutbox;
import de.depesche.mail.OutgoingMail;
import de.depesche.site.SiteProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns matched news into mails. All news waiting for a subscriber goes into one mail, so a burst of
 * articles becomes a single bundle; a subscriber who already got the hourly maximum waits, and the
 * waiting news is bundled into the next mail. Only active subscriptions are mailed: a paused one holds
 * its waiting news until it is resumed, an ended one has none left. Marking deliveries as mailed and
 * queueing the mail happen in one transaction: a delivery is handed to the outbox exactly once.
 */
@Configuration
class NewsDispatcher {

    /** Waiting news (rows) read per transaction: some hundreds of subscribers, usually one article each. */
    private static final int NEWS_PER_TRANSACTION = 1_000;

    private final JdbcSubscriptionRepository repository;
    private final ArticleManagement articles;
    private final SubscriptionMails mails;
    private final MailOutbox outbox;
    private final SubscriptionProperties properties;
    private final SiteProperties site;
    private final TransactionTemplate transactions;
    private final Clock clock;

    NewsDispatcher(JdbcSubscriptionRepository repository, ArticleManagement articles, SubscriptionMails mails,
                   MailOutbox outbox, SubscriptionProperties properties, SiteProperties site, TransactionTemplate transactions, Clock clock) {
        this.repository = repository;
        this.articles = articles;
        this.mails = mails;
        this.outbox = outbox;
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
        SubscriptionMails.Renderings renderings = new SubscriptionMails.Renderings();
        while (true) {
            long from = after;
            Round round = transactions.execute(status -> mailAll(from, renderings));
            if (round == null) {
                return mailed;
            }
            mailed += round.mailed();
            after = round.lastSubscriber();
        }
    }

    /** What one transaction did: mails queued, and the subscriber it got to. */
    private record Round(int mailed, long lastSubscriber) {}

    /**
     * One round for the next group of subscribers with waiting news (after a subscriber id): everything
     * read with a handful of queries, one mail each, and everything written in batches: the mails'
     * records, the marks on the news, the outbox rows.
     *
     * @return null when no subscriber after that one has news waiting
     */
    private @Nullable Round mailAll(long after, SubscriptionMails.Renderings renderings) {
        List<JdbcSubscriptionRepository.PendingFor> waiting = repository.pendingMailAfter(after, NEWS_PER_TRANSACTION);
        if (waiting.isEmpty()) {
            return null;
        }
        long last = waiting.getLast().subscriberId();
        if (waiting.size() == NEWS_PER_TRANSACTION) {
            // The last subscriber's news may go on beyond the limit: that subscriber waits for the next round,
            // unless it is the only one, whose news is then read whole.
            List<JdbcSubscriptionRepository.PendingFor> whole = waiting.stream().filter(p -> p.subscriberId() != last).toList();
            waiting = whole.isEmpty() ? repository.pendingMail(List.of(last)) : whole;
        }
        long lastSubscriber = waiting.getLast().subscriberId();
        Instant now = clock.instant();
        List<Long> subscriberIds = waiting.stream().map(JdbcSubscriptionRepository.PendingFor::subscriberId).distinct().toList();
        Map<Long, Long> recent = repository.mailsSince(subscriberIds, now.minus(Duration.ofHours(1)));
        Map<Long, List<JdbcSubscriptionRepository.PendingFor>> pending = new LinkedHashMap<>();
        for (JdbcSubscriptionRepository.PendingFor p : waiting) {
            if (recent.getOrDefault(p.subscriberId(), 0L) < properties.maxMailsPerHour()) {
                pending.computeIfAbsent(p.subscriberId(), k -> new ArrayList<>()).add(p);
            }
        }
        if (pending.isEmpty()) {
            return new Round(0, lastSubscriber);
        }
        Map<Long, Subscription> subscriptions = new HashMap<>();
        repository.subscriptions(pending.values().stream().flatMap(List::stream)
                .map(JdbcSubscriptionRepository.PendingFor::subscriptionId).distinct().toList())
                .forEach(s -> subscriptions.put(s.id(), s));
        Map<Long, ArticleTeaser> teasers = new HashMap<>();
        articles.publishedTeasers(pending.values().stream().flatMap(List::stream)
                .map(JdbcSubscriptionRepository.PendingFor::articleId).distinct().toList())
                .forEach(t -> teasers.put(t.id(), t));
        List<Subscriber> recipients = new ArrayList<>();
        List<List<SubscriptionMails.NewsItem>> contents = new ArrayList<>();
        for (Subscriber subscriber : repository.subscribers(pending.keySet())) {
            Map<Long, List<String>> reasons = new LinkedHashMap<>();
            for (JdbcSubscriptionRepository.PendingFor p : pending.get(subscriber.id())) {
                Subscription s = subscriptions.get(p.subscriptionId());
                reasons.computeIfAbsent(p.articleId(), k -> new ArrayList<>()).add(s == null ? "" : s.label());
            }
            List<SubscriptionMails.NewsItem> items = new ArrayList<>();
            List<Long> gone = new ArrayList<>();
            reasons.forEach((articleId, because) -> {
                ArticleTeaser t = teasers.get(articleId);
                if (t != null) {
                    items.add(new SubscriptionMails.NewsItem(t, site.url(t.path()), because));
                } else {
                    gone.add(articleId);
                }
            });
            // Withdrawn since it was matched: nothing to tell. Publishing it again matches it again.
            repository.dropPending(subscriber.id(), gone);
            if (items.isEmpty() || subscriber.email() == null) {
                // No mail, so no mail counted against the hourly cap either.
                continue;
            }
            recipients.add(subscriber);
            contents.add(items);
        }
        if (recipients.isEmpty()) {
            return new Round(0, lastSubscriber);
        }
        List<Long> mailIds = repository.newMails(recipients.stream().map(Subscriber::id).toList(),
                contents.stream().map(List::size).toList(), now);
        List<JdbcSubscriptionRepository.Attachment> marks = new ArrayList<>();
        List<OutgoingMail> outgoing = new ArrayList<>(recipients.size());
        for (int i = 0; i < recipients.size(); i++) {
            Subscriber subscriber = recipients.get(i);
            long mailId = mailIds.get(i);
            for (SubscriptionMails.NewsItem item : contents.get(i)) {
                marks.add(new JdbcSubscriptionRepository.Attachment(subscriber.id(), item.article().id(), mailId));
            }
            outgoing.add(mails.news(subscriber, mailId, contents.get(i), renderings));
        }
        repository.attach(marks);
        outbox.enqueueAll(outgoing);
        return new Round(recipients.size(), lastSubscriber);
    }
}
