package de.depesche.site;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Dates as readers of the site expect them, in the site's time zone; used by templates as
 * {@code ${@readerDates.format(instant)}}. The patterns live in the message bundles.
 */
@Component("readerDates")
public class ReaderDates {

    private final MessageSource messages;
    private final ZoneId zone;

    ReaderDates(MessageSource messages, SiteProperties properties) {
        this.messages = messages;
        this.zone = properties.timeZone();
    }

    public String format(@Nullable Instant instant) {
        return format(instant, "date.long");
    }

    public String formatDate(@Nullable Instant instant) {
        return format(instant, "date.short");
    }

    /**
     * The value for a {@code datetime} attribute or structured data, to the second: HTML allows at most
     * three digits of a fraction of a second, and readers never see more than minutes.
     */
    public String iso(@Nullable Instant instant) {
        return instant == null ? "" : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.truncatedTo(ChronoUnit.SECONDS).atZone(zone));
    }

    /** For datetime-local inputs in the newsroom. */
    public String local(@Nullable Instant instant) {
        return instant == null ? "" : DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").format(instant.atZone(zone));
    }

    public ZoneId zone() {
        return zone;
    }

    private String format(@Nullable Instant instant, String key) {
        if (instant == null) {
            return "";
        }
        Locale locale = LocaleContextHolder.getLocale();
        String pattern = messages.getMessage(key, null, "yyyy-MM-dd HH:mm", locale);
        return DateTimeFormatter.ofPattern(pattern, locale).format(instant.atZone(zone));
    }
}
