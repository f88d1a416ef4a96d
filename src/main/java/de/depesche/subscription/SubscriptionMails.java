package de.depesche.subscription;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import de.depesche.article.ArticleTeaser;
import de.depesche.mail.MailOutbox;
import de.depesche.mail.MailTemplates;
import de.depesche.mail.OutgoingMail;
import de.depesche.site.SiteProperties;
import de.depesche.site.SiteSettingsService;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** The subscription module's mails: the double opt-in, news (one article or a bundle) and the newsletter. */
@Component
class SubscriptionMails {

    /** Stands for the reader's manage address in a mail rendered for many readers. */
    private static final String MANAGE_URL = "depesche-manage-url-" + java.util.UUID.randomUUID();

    private final MailOutbox outbox;
    private final MailTemplates templates;
    private final SiteProperties site;
    private final SiteSettingsService settings;
    private final SubscriptionProperties properties;
    private final MessageSource messages;

    SubscriptionMails(MailOutbox outbox, MailTemplates templates, SiteProperties site, SiteSettingsService settings,
                      SubscriptionProperties properties, MessageSource messages) {
        this.outbox = outbox;
        this.templates = templates;
        this.site = site;
        this.settings = settings;
        this.properties = properties;
        this.messages = messages;
    }

    void confirmation(Subscriber subscriber, Subscription subscription, String token) {
        Map<String, Object> model = base(subscriber);
        model.put("confirmUrl", site.url("/abo/bestaetigen/" + token));
        model.put("kind", subscription.kind().name());
        model.put("label", describeForConfirmation(subscription, locale(subscriber)));
        model.put("expiryHours", Math.max(1, (properties.confirmationExpiry().toMinutes() + 59) / 60));
        MailTemplates.Content c = templates.render("subscription/mail/confirm", "subscription.mail.confirm.subject",
                new Object[] {settings.current().siteName()}, model, locale(subscriber));
        outbox.enqueue(new OutgoingMail("subscription-confirm:" + subscription.id() + ":" + token, subscriber.email(),
                c.subject(), c.text(), c.html(), Map.of(), "subscription.confirm"));
    }

    /**
     * One mail with one or more new articles, for the subscriptions they matched; to be queued by the
     * caller (many at once). Readers who get the same news in the same language share one rendering.
     */
    OutgoingMail news(Subscriber subscriber, long mailId, List<NewsItem> items, Renderings renderings) {
        Locale locale = locale(subscriber);
        MailTemplates.Content shared = renderings.get(List.of("news", locale, items), () -> {
            Map<String, Object> model = base();
            model.put("items", items);
            String subjectKey = items.size() == 1 ? "subscription.mail.news.subject" : "subscription.mail.bundle.subject";
            Object[] args = items.size() == 1 ? new Object[] {items.getFirst().article().title()} : new Object[] {items.size()};
            return templates.render("subscription/mail/news", subjectKey, args, model, locale);
        });
        MailTemplates.Content c = shared.with(MANAGE_URL, site.url(subscriber.managePath()));
        return new OutgoingMail("subscription-mail:" + mailId, Objects.requireNonNull(subscriber.email()), c.subject(),
                c.text(), c.html(), unsubscribeHeaders(subscriber), "subscription.news");
    }

    /** One reader's copy of a newsletter issue, to be queued by the caller; rendered once per language. */
    OutgoingMail newsletter(Subscriber subscriber, long issueId, String subject, List<ArticleTeaser> articles,
                            Renderings renderings) {
        Locale locale = locale(subscriber);
        MailTemplates.Content shared = renderings.get(List.of("newsletter", locale, issueId, subject), () -> {
            Map<String, Object> model = base();
            model.put("articles", articles);
            model.put("subject", subject);
            return templates.render("subscription/mail/newsletter", "subscription.mail.newsletter.subject",
                    new Object[] {subject}, model, locale);
        });
        MailTemplates.Content c = shared.with(MANAGE_URL, site.url(subscriber.managePath()));
        return new OutgoingMail("newsletter:" + issueId + ":" + subscriber.id(), Objects.requireNonNull(subscriber.email()),
                c.subject(), c.text(), c.html(), unsubscribeHeaders(subscriber), "newsletter");
    }

    /**
     * Mails rendered once for every reader who gets the same content, kept for one run of sending
     * (a dispatch round, a newsletter issue). The reader's manage address is the only difference and is
     * put in afterwards; a run with very many different mails renders anew when the store is full.
     */
    static final class Renderings {
        private static final int MAX = 1_000;
        private final Map<List<Object>, MailTemplates.Content> rendered = new HashMap<>();

        MailTemplates.Content get(List<Object> key, java.util.function.Supplier<MailTemplates.Content> render) {
            MailTemplates.Content c = rendered.get(key);
            if (c == null) {
                if (rendered.size() >= MAX) {
                    rendered.clear();
                }
                c = render.get();
                rendered.put(key, c);
            }
            return c;
        }
    }

    /** The newsletter as its readers will see it, for the preview in the newsroom. */
    MailTemplates.Content newsletterPreview(String subject, List<ArticleTeaser> articles) {
        Map<String, Object> model = new HashMap<>();
        model.put("siteName", settings.current().siteName());
        model.put("baseUrl", site.baseUrl());
        model.put("manageUrl", site.url("/abo/verwalten/…"));
        model.put("articles", articles);
        model.put("subject", subject);
        return templates.render("subscription/mail/newsletter", "subscription.mail.newsletter.subject",
                new Object[] {subject}, model, Locale.forLanguageTag(settings.current().language()));
    }

    /**
     * A subscription in words for the opt-in mail, which goes to an address nobody has confirmed yet:
     * it must not carry text the requester chose (the words of a saved search), so a search is named
     * by its kind only; the words show on the confirmation page after the click.
     */
    String describeForConfirmation(Subscription subscription, Locale locale) {
        if (subscription.kind() == SubscriptionKind.SEARCH) {
            return messages.getMessage("subscription.kind." + subscription.kind().apiName(), null, locale);
        }
        return describe(subscription, locale);
    }

    /** A subscription in words, e.g. "Rubrik: Technik" or "Newsletter: einmal pro Woche", in the reader's language. */
    String describe(Subscription subscription, Locale locale) {
        String key = subscription.labelKey();
        String label = key == null ? subscription.label() : messages.getMessage(key, null, subscription.label(), locale);
        return messages.getMessage("subscription.kind." + subscription.kind().apiName(), null, locale) + ": " + label;
    }

    /** One article in a news mail, with the subscription labels it matched. */
    record NewsItem(ArticleTeaser article, String url, List<String> because) {}

    private Map<String, Object> base(Subscriber subscriber) {
        Map<String, Object> model = base();
        model.put("manageUrl", site.url(subscriber.managePath()));
        return model;
    }

    /** The model of a mail rendered for many readers: their manage address is a mark, replaced for each. */
    private Map<String, Object> base() {
        Map<String, Object> model = new HashMap<>();
        model.put("siteName", settings.current().siteName());
        model.put("baseUrl", site.baseUrl());
        model.put("manageUrl", MANAGE_URL);
        return model;
    }

    private Map<String, String> unsubscribeHeaders(Subscriber subscriber) {
        String stop = site.url(subscriber.managePath() + "/abbestellen");
        return Map.of("List-Unsubscribe", "<" + stop + ">", "List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    }

    private static Locale locale(Subscriber subscriber) {
        return Locale.forLanguageTag(subscriber.language());
    }
}
