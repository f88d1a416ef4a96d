package de.depesche.moderation;

import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Says in the moderator's language what the assistant's reasons mean: a feature code such as
 * {@code article-overlap:0%} or {@code links:3} becomes "Überschneidung mit dem Artikel: 0 %" or "3 Links"; a
 * quote from the comment is shown in quotation marks. The JSON API keeps the raw codes.
 */
@Component("moderationReasons")
public class ModerationReasons {

    /** Feature codes (docs/moderation-assistant.md) and whether they carry a value after the colon. */
    private static final Map<String, Boolean> CODES = Map.ofEntries(
            Map.entry("article-overlap", true), Map.entry("thread-overlap", true), Map.entry("no-words", false),
            Map.entry("addresses-reader", false), Map.entry("forum-talk", false), Map.entry("laughter", false),
            Map.entry("question", false), Map.entry("links", true), Map.entry("shortener", true),
            Map.entry("phone-number", false), Map.entry("email-address", false), Map.entry("capitals", true),
            Map.entry("repeated", true), Map.entry("repeated-word", true), Map.entry("thread-duplicate", false));

    private final MessageSource messages;

    ModerationReasons(MessageSource messages) {
        this.messages = messages;
    }

    /** One reason as moderators read it, in the language of the current request. */
    public String describe(String reason) {
        return describe(reason, LocaleContextHolder.getLocale());
    }

    String describe(String reason, Locale locale) {
        int colon = reason.indexOf(':');
        String code = colon < 0 ? reason : reason.substring(0, colon);
        Boolean withValue = CODES.get(code);
        if (withValue != null && withValue == (colon >= 0)) {
            String value = colon < 0 ? "" : reason.substring(colon + 1);
            if (value.endsWith("%")) {
                value = value.substring(0, value.length() - 1);
            }
            return messages.getMessage("moderation.feature." + code, new Object[] {value}, reason, locale);
        }
        return messages.getMessage("moderation.feature.quote", new Object[] {reason}, reason, locale);
    }
}
