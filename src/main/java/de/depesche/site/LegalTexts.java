package de.depesche.site;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The legal texts of the site that admins write in the newsroom: the Impressum (German law requires
 * one for news sites) and the privacy policy. Written in Markdown and sanitised like article bodies.
 * Until an admin saves one, readers get the default text in their language.
 */
@Service
public class LegalTexts implements SiteChangeListener {

    /** Cache tag of the pages that show a legal text. */
    public static final String TAG = "legal";
    public static final int MAX_LENGTH = 50_000;

    public enum Kind {
        IMPRESSUM("impressum"),
        PRIVACY("privacy");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        /** The name in the database and in message keys ({@code legal.impressum.title}). */
        public String key() {
            return key;
        }
    }

    /** A text an admin saved. */
    public record Stored(String markdown, String html, Instant updatedAt) {}

    /** What readers get: the title in their language and the text as safe HTML. */
    public record Page(String title, String html) {}

    private static final String[] PRIVACY_SECTIONS = {"reading", "comments", "mail", "rights"};

    private final JdbcClient jdbc;
    private final SiteChanges changes;
    private final MessageSource messages;
    private final Clock clock;
    /** Read on every legal page, changed rarely: kept in memory, dropped when any node saves. */
    private final Map<Kind, Optional<Stored>> kept = new ConcurrentHashMap<>();

    LegalTexts(JdbcClient jdbc, SiteChanges changes, MessageSource messages, Clock clock) {
        this.jdbc = jdbc;
        this.changes = changes;
        this.messages = messages;
        this.clock = clock;
    }

    public Optional<Stored> stored(Kind kind) {
        return kept.computeIfAbsent(kind, k -> jdbc.sql("select markdown, html, updated_at from site_legal_text where kind = :kind")
                .param("kind", k.key())
                .query((rs, n) -> new Stored(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()))
                .optional());
    }

    public Page page(Kind kind, Locale locale) {
        String title = messages.getMessage("legal." + kind.key() + ".title", null, locale);
        String html = stored(kind).map(Stored::html).orElseGet(() -> SafeMarkdown.render(defaultMarkdown(kind, locale)));
        return new Page(title, html);
    }

    /** The text readers get while no admin saved one: today's text of the site, in the given language. */
    public String defaultMarkdown(Kind kind, Locale locale) {
        if (kind == Kind.IMPRESSUM) {
            return messages.getMessage("legal.impressum.default", null, locale);
        }
        StringBuilder text = new StringBuilder(messages.getMessage("privacy.intro", null, locale));
        for (String section : PRIVACY_SECTIONS) {
            text.append("\n\n## ").append(messages.getMessage("privacy." + section + ".title", null, locale))
                    .append("\n\n").append(messages.getMessage("privacy." + section + ".text", null, locale));
        }
        return text.toString();
    }

    /**
     * Saves a text; an empty one, or the default text unchanged, goes back to the default (which
     * follows the reader's language).
     */
    @Transactional
    public void save(Kind kind, String markdown, Locale locale) {
        String text = check(kind, markdown);
        jdbc.sql("delete from site_legal_text where kind = :kind").param("kind", kind.key()).update();
        if (!text.isEmpty() && !text.equals(defaultMarkdown(kind, locale).strip())) {
            jdbc.sql("""
                            insert into site_legal_text (kind, markdown, html, updated_at)
                            values (:kind, :markdown, :html, :at)
                            """)
                    .param("kind", kind.key()).param("markdown", text).param("html", SafeMarkdown.render(text))
                    .param("at", Timestamp.from(clock.instant()))
                    .update();
        }
        changes.record(TAG);
    }

    /** Checks a text without saving it; throws {@link InvalidInput} for the form field named like the kind. */
    public String check(Kind kind, String markdown) {
        String text = markdown.replace("\r\n", "\n").strip();
        InvalidInput.Collector problems = new InvalidInput.Collector();
        if (text.length() > MAX_LENGTH) {
            problems.add(kind.key(), "validation.tooLong", MAX_LENGTH);
        } else if (text.indexOf('\uFFFD') >= 0 || text.indexOf('\u0000') >= 0) {
            problems.add(kind.key(), "validation.encoding");
        }
        problems.throwIfAny();
        return text;
    }

    @Override
    public void changed(Set<String> tags) {
        if (tags.contains(TAG) || tags.contains(SiteChanges.EVERYTHING)) {
            kept.clear();
        }
    }
}
