package de.depesche.comment;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;

import de.depesche.article.Article;
import de.depesche.mail.MailOutbox;
import de.depesche.mail.MailTemplates;
import de.depesche.mail.OutgoingMail;
import de.depesche.site.SiteProperties;
import de.depesche.site.SiteSettingsService;
import org.springframework.stereotype.Component;

/** The mails of the comment module: the double opt-in for reply notifications and the notification itself. */
@Component
class CommentMails {

    private final MailOutbox outbox;
    private final MailTemplates templates;
    private final SiteProperties site;
    private final SiteSettingsService settings;

    CommentMails(MailOutbox outbox, MailTemplates templates, SiteProperties site, SiteSettingsService settings) {
        this.outbox = outbox;
        this.templates = templates;
        this.site = site;
        this.settings = settings;
    }

    void confirmation(String email, String token, Instant now) {
        String link = site.url("/kommentare/benachrichtigung/" + token);
        MailTemplates.Content content = templates.render("comment/mail/confirm", "comment.mail.confirm.subject",
                new Object[] {settings.current().siteName()},
                Map.of("siteName", settings.current().siteName(), "confirmUrl", link), locale());
        // One confirmation mail per address and day, however often the reader ticks the box.
        String day = LocalDate.ofInstant(now, ZoneOffset.UTC).toString();
        outbox.enqueue(new OutgoingMail("comment-notify-confirm:" + email + ":" + day, email, content.subject(),
                content.text(), content.html(), Map.of(), "comment.confirm"));
    }

    void reply(String email, String token, Comment parent, Comment reply, Article article) {
        String stop = site.url("/kommentare/benachrichtigung/" + token + "/abbestellen");
        String replyUrl = site.url(article.path() + "#" + reply.anchor());
        MailTemplates.Content content = templates.render("comment/mail/reply", "comment.mail.reply.subject",
                new Object[] {article.title()},
                Map.of("siteName", settings.current().siteName(), "articleTitle", article.title(), "replyUrl", replyUrl,
                        "stopUrl", stop, "parentText", excerpt(parent.text()), "replyAuthor", reply.authorName(),
                        "replyText", reply.text()),
                locale());
        outbox.enqueue(new OutgoingMail("comment-reply:" + reply.id(), email, content.subject(), content.text(),
                content.html(), Map.of("List-Unsubscribe", "<" + stop + ">",
                        "List-Unsubscribe-Post", "List-Unsubscribe=One-Click"), "comment.reply"));
    }

    private Locale locale() {
        return Locale.forLanguageTag(settings.current().language());
    }

    private static String excerpt(String text) {
        return text.length() <= 300 ? text : text.substring(0, 299) + "…";
    }
}
