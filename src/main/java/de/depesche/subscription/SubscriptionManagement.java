package de.depesche.subscription;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import de.depesche.account.AccountManagement;
import de.depesche.account.StaffMember;
import de.depesche.article.Article;
import de.depesche.article.ArticleManagement;
import de.depesche.comment.CommentManagement;
import de.depesche.mail.MailOutbox;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import de.depesche.search.SavedSearches;
import de.depesche.site.ClusterScheduler;
import de.depesche.site.InvalidInput;
import de.depesche.site.SiteSecrets;
import de.depesche.site.SiteSettings;
import de.depesche.site.SiteSettingsService;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The subscription module's API: readers subscribe (e-mail with double opt-in, or a personal feed),
 * confirm, and manage what they get through the secret link in every mail.
 */
@Service
public class SubscriptionManagement {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionManagement.class);
    public static final int QUERY_MAX = 200;
    private static final Duration RESEND_AFTER = Duration.ofMinutes(10);

    private final JdbcSubscriptionRepository repository;
    private final ArticleManagement articles;
    private final AccountManagement accounts;
    private final SubscriptionMails mails;
    private final SiteSecrets secrets;
    private final SiteSettingsService settings;
    private final SubscriptionProperties properties;
    private final SavedSearches savedSearches;
    private final CommentManagement comments;
    private final MailOutbox outbox;
    private final ClusterScheduler scheduler;
    private final OneTimeTask<Long> forgetErasedDeliveries;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    SubscriptionManagement(JdbcSubscriptionRepository repository, ArticleManagement articles, AccountManagement accounts,
                           SubscriptionMails mails, SiteSecrets secrets, SiteSettingsService settings,
                           SubscriptionProperties properties, SavedSearches savedSearches, CommentManagement comments,
                           MailOutbox outbox, ClusterScheduler scheduler, OneTimeTask<Long> forgetErasedDeliveries,
                           Clock clock) {
        this.comments = comments;
        this.scheduler = scheduler;
        this.forgetErasedDeliveries = forgetErasedDeliveries;
        this.outbox = outbox;
        this.repository = repository;
        this.articles = articles;
        this.accounts = accounts;
        this.mails = mails;
        this.secrets = secrets;
        this.settings = settings;
        this.properties = properties;
        this.savedSearches = savedSearches;
        this.clock = clock;
    }

    /** What a subscribe request leads to. For e-mail it says nothing about whether the address was known. */
    public sealed interface Outcome permits Outcome.ConfirmationSent, Outcome.FeedReady {
        /** A confirmation mail is on its way (or the address was already subscribed: the answer is the same). */
        record ConfirmationSent() implements Outcome {}

        /** A personal feed: its address, and the manage page for it. */
        record FeedReady(String feedPath, String managePath) implements Outcome {}
    }

    /** Too many sign-ups from one network: answered with 429 rather than 422/400. */
    public static final class RateLimited extends InvalidInput {
        RateLimited(String key) {
            super(List.of(new Problem("", key, new Object[0])));
        }
    }

    /**
     * @param networkAddress the requester's IP address; only a salted hash is kept, as part of the consent record
     * @throws RateLimited   when too many sign-ups came from the requester's network within the hour
     */
    @Transactional
    public Outcome request(SubscriptionRequest request, String networkAddress) {
        Instant now = clock.instant();
        String network = secrets.networkHash(networkAddress);
        InvalidInput.Collector problems = new InvalidInput.Collector();
        String email = request.email() == null ? "" : request.email().strip().toLowerCase(Locale.ROOT);
        if (request.channel() == Channel.EMAIL) {
            if (email.isEmpty()) {
                problems.add("email", "validation.required");
            } else if (!MailOutbox.isDeliverable(email)) {
                problems.add("email", "validation.email");
            }
        }
        if (!request.consent()) {
            problems.add("consent", "subscription.consent.required");
        }
        String label = "";
        try {
            label = describe(request.kind(), request.target());
        } catch (InvalidInput e) {
            e.problems().forEach(p -> problems.add(p.field(), p.messageKey(), p.args()));
        }
        problems.throwIfAny();
        if (repository.requestsFromNetwork(network, now.minus(Duration.ofHours(1))) >= properties.requestsPerNetwork()) {
            throw new RateLimited("subscription.rate");
        }
        String target = normaliseTarget(request.kind(), request.target());
        String language = language(request.language());

        if (request.channel() == Channel.FEED) {
            long subscriberId = repository.insertSubscriber(null, token(), token(), language, now);
            repository.insertSubscription(subscriberId, request.kind(), target, label, Channel.FEED,
                    SubscriptionStatus.ACTIVE, null, now, properties.consentVersion(), network);
            Subscriber s = repository.subscriber(subscriberId).orElseThrow();
            return new Outcome.FeedReady(s.feedPath(), s.managePath());
        }

        Subscriber subscriber = repository.subscriberByEmail(email).orElseGet(() ->
                repository.subscriber(repository.insertSubscriber(email, token(), token(), language, now)).orElseThrow());
        Optional<Subscription> existing = repository.find(subscriber.id(), request.kind(), target, Channel.EMAIL);
        if (existing.isPresent() && existing.get().status() == SubscriptionStatus.ACTIVE) {
            return new Outcome.ConfirmationSent();
        }
        if (existing.isPresent() && existing.get().status() == SubscriptionStatus.PENDING
                && existing.get().requestedAt().plus(RESEND_AFTER).isAfter(now)) {
            // Asked again within minutes: the first mail is still on its way; don't flood the inbox.
            return new Outcome.ConfirmationSent();
        }
        if (repository.requestsOf(subscriber.id(), now.minus(Duration.ofDays(1))) >= properties.confirmationsPerAddress()) {
            // Someone keeps signing this address up for ever new things: no more mails to it today. The
            // answer stays the same, so it tells nobody anything about the address.
            log.info("Subscriber {} got {} confirmation mails within a day; no further one is sent", subscriber.id(),
                    properties.confirmationsPerAddress());
            return new Outcome.ConfirmationSent();
        }
        if (!subscriber.language().equals(language)) {
            // Mails follow the language of the latest sign-up.
            repository.language(subscriber.id(), language);
            subscriber = repository.subscriber(subscriber.id()).orElseThrow();
        }
        String confirmToken = token();
        long id;
        if (existing.isPresent()) {
            id = existing.get().id();
            repository.renewRequest(id, confirmToken, now, properties.consentVersion(), network);
        } else {
            id = repository.insertSubscription(subscriber.id(), request.kind(), target, label, Channel.EMAIL,
                    SubscriptionStatus.PENDING, confirmToken, now, properties.consentVersion(), network);
        }
        mails.confirmation(subscriber, repository.subscription(id).orElseThrow(), confirmToken);
        return new Outcome.ConfirmationSent();
    }

    /** Outcome of a double opt-in link. */
    public enum Confirmation { CONFIRMED, ALREADY_CONFIRMED, EXPIRED, UNKNOWN }

    /**
     * What a confirmation link leads to before it is used.
     *
     * @param waiting the subscription the link confirms, when it still can; null otherwise
     * @param answer  {@code CONFIRMED} when the link waits for the reader's click, else what the page says instead
     */
    public record ConfirmationLink(@Nullable Subscription waiting, Confirmation answer) {}

    /**
     * A link stays valid for the confirmation expiry from its request: pending until clicked, then it
     * answers "already confirmed" until it expires, and is unknown after that.
     */
    public ConfirmationLink confirmationLink(String token) {
        Optional<Subscription> found = repository.byConfirmToken(token);
        if (found.isEmpty()) {
            return new ConfirmationLink(null, Confirmation.UNKNOWN);
        }
        Subscription s = found.get();
        boolean expired = s.requestedAt().plus(properties.confirmationExpiry()).isBefore(clock.instant());
        return switch (s.status()) {
            case PENDING -> expired ? new ConfirmationLink(null, Confirmation.EXPIRED) : new ConfirmationLink(s, Confirmation.CONFIRMED);
            case ACTIVE, PAUSED -> new ConfirmationLink(null, expired ? Confirmation.UNKNOWN : Confirmation.ALREADY_CONFIRMED);
            case ENDED -> new ConfirmationLink(null, Confirmation.UNKNOWN);
        };
    }

    @Transactional
    public Confirmation confirm(String token, String networkAddress) {
        ConfirmationLink link = confirmationLink(token);
        Subscription s = link.waiting();
        if (s == null) {
            if (link.answer() == Confirmation.UNKNOWN) {
                repository.byConfirmToken(token).ifPresent(x -> repository.forgetConfirmToken(x.id()));
            }
            return link.answer();
        }
        repository.confirm(s.id(), clock.instant(), secrets.networkHash(networkAddress));
        repository.subscriberConfirmed(s.subscriberId(), clock.instant());
        return Confirmation.CONFIRMED;
    }

    /** How long a confirmation link is valid, in whole hours (rounded up), for the texts that say so. */
    public long confirmationExpiryHours() {
        return Math.max(1, (properties.confirmationExpiry().toMinutes() + 59) / 60);
    }

    // --- the manage page -----------------------------------------------------------------------------

    /**
     * A subscriber's page, reached with the secret token from every mail.
     *
     * @param replies the reply notifications of the comment module for the same address, if it asked for them
     */
    public record Overview(Subscriber subscriber, List<Subscription> subscriptions,
                           CommentManagement.@Nullable ReplyNotifications replies) {}

    public Optional<Overview> overview(String manageToken) {
        return repository.subscriberByManageToken(manageToken)
                .map(s -> new Overview(s, repository.of(s.id()).stream()
                        .filter(x -> x.status() != SubscriptionStatus.ENDED).toList(), replies(s)));
    }

    /** Pauses a subscription: news matched before and not yet mailed is held until it is resumed. */
    @Transactional
    public boolean pause(String manageToken, long subscriptionId) {
        return change(manageToken, subscriptionId, SubscriptionStatus.ACTIVE, SubscriptionStatus.PAUSED);
    }

    /** Resumes a paused subscription; what it held goes out with the next mail, what appeared during the pause does not. */
    @Transactional
    public boolean resume(String manageToken, long subscriptionId) {
        return change(manageToken, subscriptionId, SubscriptionStatus.PAUSED, SubscriptionStatus.ACTIVE);
    }

    @Transactional
    public boolean end(String manageToken, long subscriptionId) {
        return change(manageToken, subscriptionId, SubscriptionStatus.ACTIVE, SubscriptionStatus.ENDED)
                || change(manageToken, subscriptionId, SubscriptionStatus.PAUSED, SubscriptionStatus.ENDED)
                || change(manageToken, subscriptionId, SubscriptionStatus.PENDING, SubscriptionStatus.ENDED);
    }

    /**
     * "End all" and the one-click unsubscribe: every subscription ends, news still waiting for a mail
     * (e.g. held back by the hourly cap) is dropped, and reply notifications to the address stop.
     */
    @Transactional
    public int endAll(String manageToken) {
        return repository.subscriberByManageToken(manageToken).map(s -> {
            int ended = repository.endAll(s.id(), clock.instant());
            CommentManagement.ReplyNotifications r = replies(s);
            if (r != null && r.active()) {
                comments.stopReplyNotifications(r.token());
                ended++;
            }
            return ended;
        }).orElse(0);
    }

    /** Stops or resumes (when confirmed before) the reply notifications shown on the manage page. */
    @Transactional
    public boolean replies(String manageToken, boolean on) {
        Optional<Subscriber> s = repository.subscriberByManageToken(manageToken);
        CommentManagement.ReplyNotifications r = s.map(this::replies).orElse(null);
        if (r == null) {
            return false;
        }
        if (!on) {
            return r.active() && comments.stopReplyNotifications(r.token()) == CommentManagement.NotifyLink.STOPPED;
        }
        // The manage link reached the address's owner, so a confirmed address may resume without a new mail.
        return r.confirmedAt() != null && !r.active()
                && comments.confirmReplyNotifications(r.token()) == CommentManagement.NotifyLink.CONFIRMED;
    }

    /** Everything stored about a subscriber, for the data export (DSGVO Art. 15/20). */
    public Optional<Map<String, Object>> export(String manageToken) {
        return repository.subscriberByManageToken(manageToken).map(s -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("email", s.email());
            data.put("language", s.language());
            data.put("createdAt", s.createdAt().toString());
            data.put("confirmedAt", s.confirmedAt() == null ? null : s.confirmedAt().toString());
            data.put("subscriptions", repository.of(s.id()).stream().map(x -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("kind", x.kind().apiName());
                m.put("target", x.target());
                m.put("label", x.label());
                m.put("channel", x.channel().name().toLowerCase(Locale.ROOT));
                m.put("status", x.status().name().toLowerCase(Locale.ROOT));
                m.put("requestedAt", x.requestedAt().toString());
                m.put("consentTextVersion", x.consentVersion());
                m.put("requestNetworkHash", x.consentNetworkHash());
                m.put("confirmedAt", x.confirmedAt() == null ? null : x.confirmedAt().toString());
                m.put("confirmNetworkHash", x.confirmNetworkHash());
                m.put("endedAt", x.endedAt() == null ? null : x.endedAt().toString());
                return m;
            }).toList());
            data.put("deliveries", repository.deliveries(s.id()).stream().map(d -> Map.of(
                    "subscription", d.subscriptionId(), "article", d.articleId(), "matchedAt", d.matchedAt().toString(),
                    "mailed", d.mailId() != null)).toList());
            CommentManagement.ReplyNotifications r = replies(s);
            if (r != null) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("requestedAt", r.requestedAt().toString());
                m.put("confirmedAt", r.confirmedAt() == null ? null : r.confirmedAt().toString());
                m.put("stoppedAt", r.stoppedAt() == null ? null : r.stoppedAt().toString());
                data.put("replyNotifications", m);
            }
            return data;
        });
    }

    /**
     * Erases the subscriber with every subscription, consent record and delivery (DSGVO Art. 17), forgets
     * the address in the mail outbox (waiting mails are not sent, stored ones are emptied) and stops
     * reply notifications to it.
     */
    @Transactional
    public boolean erase(String manageToken) {
        return repository.subscriberByManageToken(manageToken).map(s -> {
            CommentManagement.ReplyNotifications r = replies(s);
            if (r != null && r.active()) {
                comments.stopReplyNotifications(r.token());
            }
            repository.deleteSubscriber(s.id());
            // A match under way in this instant may still record news for the erased subscriptions: once more, later.
            scheduler.client().schedule(forgetErasedDeliveries.instance("subscriber-" + s.id(), s.id()),
                    clock.instant().plus(ErasedDeliveries.LATER));
            if (s.email() != null) {
                outbox.forget(s.email());
            }
            return true;
        }).orElse(false);
    }

    /** For the newsroom's data requests: the manage page of a subscriber found by address. */
    public Optional<Overview> overviewByEmail(String email) {
        return repository.subscriberByEmail(email.strip().toLowerCase(Locale.ROOT))
                .flatMap(s -> overview(s.manageToken()));
    }

    /** Counts for the newsroom: active subscriptions by kind and channel. */
    public Map<String, Long> activeByKind() {
        return repository.activeByKind();
    }

    // --- for other modules -------------------------------------------------------------------------

    /** The articles delivered to a personal feed, newest first. */
    public Optional<PersonalFeed> personalFeed(String feedToken, int limit) {
        return repository.subscriberByFeedToken(feedToken).map(s -> new PersonalFeed(s,
                repository.of(s.id()).stream().filter(x -> x.channel() == Channel.FEED && x.status() != SubscriptionStatus.ENDED).toList(),
                repository.feedArticles(s.id(), limit)));
    }

    public record PersonalFeed(Subscriber subscriber, List<Subscription> subscriptions, List<Long> articleIds) {}

    /** Later articles found similar to this one, newest first: the news of its "similar news" feed. */
    public List<Long> laterSimilar(long articleId, int limit) {
        return repository.laterSimilar(articleId, limit).stream().map(JdbcSubscriptionRepository.Later::articleId).toList();
    }

    public long activeCount() {
        return repository.count(SubscriptionStatus.ACTIVE);
    }

    // --- rules -------------------------------------------------------------------------------------

    private boolean change(String manageToken, long subscriptionId, SubscriptionStatus from, SubscriptionStatus to) {
        Optional<Subscriber> s = repository.subscriberByManageToken(manageToken);
        if (s.isEmpty()) {
            return false;
        }
        boolean changed = repository.setStatus(subscriptionId, s.get().id(), from, to, clock.instant());
        if (changed && to == SubscriptionStatus.ENDED) {
            repository.dropPendingOf(subscriptionId);
        }
        return changed;
    }

    private CommentManagement.@Nullable ReplyNotifications replies(Subscriber s) {
        return s.email() == null ? null : comments.replyNotifications(s.email()).orElse(null);
    }

    /** The reader's language when the site speaks it, else the site's. */
    private String language(@Nullable String wanted) {
        return wanted != null && SiteSettings.LANGUAGES.contains(wanted) ? wanted : settings.current().language();
    }

    /** What a subscription is about, in words (e.g. the article's title); refuses targets that do not exist. */
    public String describe(SubscriptionKind kind, String target) {
        String t = target.strip();
        return switch (kind) {
            case SIMILAR -> {
                long id;
                try {
                    id = Long.parseLong(t);
                } catch (NumberFormatException e) {
                    throw InvalidInput.of("target", "subscription.article.unknown");
                }
                yield articles.find(id).filter(Article::isPublished).map(Article::title)
                        .orElseThrow(() -> InvalidInput.of("target", "subscription.article.unknown"));
            }
            case CATEGORY -> articles.category(t).map(c -> c.name())
                    .orElseThrow(() -> InvalidInput.of("target", "subscription.category.unknown"));
            case TAG -> articles.tag(t).map(x -> x.name())
                    .orElseThrow(() -> InvalidInput.of("target", "subscription.tag.unknown"));
            case AUTHOR -> accounts.findBySlug(t).filter(StaffMember::enabled).map(StaffMember::displayName)
                    .orElseThrow(() -> InvalidInput.of("target", "subscription.author.unknown"));
            case SEARCH -> {
                if (t.isEmpty()) {
                    throw InvalidInput.of("target", "validation.required");
                }
                if (t.length() > QUERY_MAX || t.chars().anyMatch(c -> c < 0x20)) {
                    throw InvalidInput.of("target", "subscription.search.invalid", QUERY_MAX);
                }
                savedSearches.verify(t);
                yield t;
            }
            case NEWSLETTER -> {
                if (!t.equals("daily") && !t.equals("weekly")) {
                    throw InvalidInput.of("target", "subscription.newsletter.frequencyInvalid");
                }
                yield t;
            }
        };
    }

    private static String normaliseTarget(SubscriptionKind kind, String target) {
        String t = target.strip();
        return kind == SubscriptionKind.SEARCH ? t.replaceAll("\\s+", " ") : t;
    }

    private String token() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

}
