package de.depesche.subscription;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import de.depesche.account.StaffPrincipal;
import de.depesche.article.ArticleManagement;
import de.depesche.article.ArticleTeaser;
import de.depesche.mail.MailOutbox;
import de.depesche.mail.MailTemplates;
import de.depesche.site.ClusterScheduler;
import de.depesche.site.InvalidInput;
import de.depesche.site.ReaderDates;
import de.depesche.site.SiteSettingsService;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The newsletter: the period's best articles (editor picks first, then the newest), previewed in the
 * newsroom and sent by hand or on schedule. Sending runs as a cluster-wide task with visible progress.
 */
@Service
public class NewsletterDesk {

    private final JdbcSubscriptionRepository repository;
    private final ArticleManagement articles;
    private final SubscriptionMails mails;
    private final MailOutbox outbox;
    private final ClusterScheduler scheduler;
    private final OneTimeTask<Long> sendTask;
    private final NewsletterProperties properties;
    private final SiteSettingsService settings;
    private final MessageSource messages;
    private final Clock clock;

    NewsletterDesk(JdbcSubscriptionRepository repository, ArticleManagement articles, SubscriptionMails mails,
                   MailOutbox outbox, ClusterScheduler scheduler, OneTimeTask<Long> sendNewsletter,
                   NewsletterProperties properties, SiteSettingsService settings, MessageSource messages, Clock clock) {
        this.repository = repository;
        this.articles = articles;
        this.mails = mails;
        this.outbox = outbox;
        this.scheduler = scheduler;
        this.sendTask = sendNewsletter;
        this.properties = properties;
        this.settings = settings;
        this.messages = messages;
        this.clock = clock;
    }

    @Configuration
    static class NewsletterTasks {
        @Bean
        OneTimeTask<Long> sendNewsletter(NewsletterSender sender) {
            return Tasks.oneTime("send-newsletter", Long.class).execute((instance, context) -> sender.send(instance.getData()));
        }

        @Bean
        RecurringTask<Void> dailyNewsletter(org.springframework.beans.factory.ObjectProvider<NewsletterDesk> desk,
                                            NewsletterProperties properties, ReaderDates dates) {
            return Tasks.recurring("newsletter-daily", Schedules.daily(dates.zone(), properties.dailyAt()))
                    .execute((instance, context) -> desk.getObject().sendScheduled("daily"));
        }

        @Bean
        RecurringTask<Void> weeklyNewsletter(org.springframework.beans.factory.ObjectProvider<NewsletterDesk> desk,
                                             NewsletterProperties properties, ReaderDates dates) {
            return Tasks.recurring("newsletter-weekly", Schedules.cron(properties.weeklyCron(), dates.zone()))
                    .execute((instance, context) -> desk.getObject().sendScheduled("weekly"));
        }
    }

    /** What the next newsletter of this frequency would contain. */
    public record Digest(String frequency, Instant from, Instant to, List<ArticleTeaser> articles, Set<Long> picks,
                         String subject, long recipients) {}

    public Digest digest(String frequency) {
        requireFrequency(frequency);
        Instant to = clock.instant();
        Instant from = to.minus(frequency.equals("daily") ? Duration.ofDays(1) : Duration.ofDays(7));
        List<ArticleTeaser> inPeriod = articles.publishedBetween(from, to, 200);
        Set<Long> picks = new LinkedHashSet<>(repository.picks());
        List<ArticleTeaser> chosen = new ArrayList<>();
        inPeriod.stream().filter(a -> picks.contains(a.id())).forEach(chosen::add);
        inPeriod.stream().filter(a -> !picks.contains(a.id())).forEach(chosen::add);
        List<ArticleTeaser> top = chosen.stream().limit(properties.maxArticles()).toList();
        String subject = top.isEmpty() ? "" : messages.getMessage("newsletter.subject." + frequency,
                new Object[] {settings.current().siteName(), top.getFirst().title()},
                java.util.Locale.forLanguageTag(settings.current().language()));
        return new Digest(frequency, from, to, top, picks.stream().filter(id -> inPeriod.stream().anyMatch(a -> a.id() == id))
                .collect(Collectors.toSet()), subject, repository.newsletterRecipients(frequency));
    }

    /** Candidates for editor picks: what was published in the last week. */
    public List<ArticleTeaser> candidates() {
        return articles.publishedBetween(clock.instant().minus(Duration.ofDays(7)), clock.instant(), 100);
    }

    public Set<Long> picks() {
        return new LinkedHashSet<>(repository.picks());
    }

    @Transactional
    public void pick(long articleId, boolean picked, StaffPrincipal by) {
        if (picked) {
            if (articles.publishedTeasers(List.of(articleId)).isEmpty()) {
                throw InvalidInput.of("", "article.unknown");
            }
            repository.pick(articleId, by.displayName(), clock.instant());
        } else {
            repository.unpick(articleId);
        }
    }

    public MailTemplates.Content preview(String frequency) {
        Digest d = digest(frequency);
        return mails.newsletterPreview(d.subject(), d.articles());
    }

    /** Freezes the digest as an issue and starts sending it in the background; returns the issue's id. */
    @Transactional
    public long send(String frequency, String subject, StaffPrincipal by) {
        Digest d = digest(frequency);
        if (d.articles().isEmpty()) {
            throw InvalidInput.of("", "newsletter.empty");
        }
        String s = subject.isBlank() ? d.subject() : subject.strip();
        if (s.length() > 200 || s.chars().anyMatch(c -> c < 0x20)) {
            throw InvalidInput.of("subject", "validation.tooLong", 200);
        }
        return start(frequency, s, d.articles(), by.displayName());
    }

    /** The scheduled send: only when something was published since the last issue of this frequency. */
    void sendScheduled(String frequency) {
        if (!properties.autoSend()) {
            return;
        }
        Digest d = digest(frequency);
        Instant last = repository.lastIssue(frequency).orElse(Instant.EPOCH);
        boolean fresh = d.articles().stream().anyMatch(a -> a.publishedAt() != null && a.publishedAt().isAfter(last));
        if (fresh && d.recipients() + repository.newsletterFeeds(frequency) > 0) {
            start(frequency, d.subject(), d.articles(), NewsletterIssue.BY_SCHEDULE);
        }
    }

    private long start(String frequency, String subject, List<ArticleTeaser> content, String by) {
        String ids = content.stream().map(a -> String.valueOf(a.id())).collect(Collectors.joining(","));
        long id = repository.insertIssue(frequency, subject, ids, by, clock.instant());
        scheduler.client().schedule(sendTask.instance(String.valueOf(id), id), clock.instant());
        return id;
    }

    /** An issue with how many of its mails the outbox has sent so far. */
    public record Progress(NewsletterIssue issue, Map<String, Long> mails) {}

    public List<Progress> issues(int limit) {
        return repository.issues(limit).stream()
                .map(i -> new Progress(i, outbox.countByStatus("newsletter:" + i.id() + ":"))).toList();
    }

    private static void requireFrequency(String frequency) {
        if (!frequency.equals("daily") && !frequency.equals("weekly")) {
            throw InvalidInput.of("frequency", "subscription.newsletter.frequencyInvalid");
        }
    }
}
