package de.depesche.subscription;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import de.depesche.article.ArticleManagement;
import de.depesche.article.ArticleTeaser;
import de.depesche.mail.MailOutbox;
import de.depesche.mail.OutgoingMail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts one newsletter issue into the outbox, a chunk of recipients per transaction, with progress
 * recorded after each chunk. Idempotency keys (issue, subscriber) make it safe to run again after a
 * crash: recipients already queued are skipped by the outbox.
 */
@Component
class NewsletterSender {

    private static final Logger log = LoggerFactory.getLogger(NewsletterSender.class);
    static final int CHUNK = 500;

    private final JdbcSubscriptionRepository repository;
    private final ArticleManagement articles;
    private final SubscriptionMails mails;
    private final MailOutbox outbox;
    private final TransactionTemplate transactions;
    private final Clock clock;

    NewsletterSender(JdbcSubscriptionRepository repository, ArticleManagement articles, SubscriptionMails mails,
                     MailOutbox outbox, TransactionTemplate transactions, Clock clock) {
        this.repository = repository;
        this.articles = articles;
        this.mails = mails;
        this.outbox = outbox;
        this.transactions = transactions;
        this.clock = clock;
    }

    void send(long issueId) {
        NewsletterIssue issue = repository.issue(issueId).orElse(null);
        if (issue == null || issue.status().equals("QUEUED")) {
            return;
        }
        List<ArticleTeaser> content = articles.publishedTeasers(issue.articleIds());
        int recipients = (int) repository.newsletterRecipients(issue.frequency());
        repository.issueStarted(issueId, recipients, clock.instant());
        long after = -1;
        int queued = 0;
        SubscriptionMails.Renderings renderings = new SubscriptionMails.Renderings();
        while (true) {
            List<Long> chunk = repository.newsletterSubscribers(issue.frequency(), after, CHUNK);
            if (chunk.isEmpty()) {
                break;
            }
            final int before = queued;
            Integer total = transactions.execute(status -> {
                List<OutgoingMail> batch = new ArrayList<>(chunk.size());
                for (Subscriber s : repository.subscribers(chunk)) {
                    if (s.email() != null) {
                        batch.add(mails.newsletter(s, issueId, issue.subject(), content, renderings));
                    }
                }
                outbox.enqueueAll(batch);
                int n = before + batch.size();
                repository.issueProgress(issueId, n);
                return n;
            });
            queued = total == null ? queued : total;
            after = chunk.getLast();
        }
        // Personal feeds that subscribed to this newsletter get its articles as items.
        int fed = repository.deliverToNewsletterFeeds(issue.frequency(), content.stream().map(ArticleTeaser::id).toList(),
                clock.instant());
        repository.issueFinished(issueId, clock.instant());
        log.info("Newsletter {} ({}) queued for {} recipients; {} items for personal feeds", issueId, issue.frequency(),
                queued, fed);
    }
}
