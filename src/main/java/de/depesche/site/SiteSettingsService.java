package de.depesche.site;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The site settings an admin edits in the newsroom, read on every page, so kept in memory. */
@Service
public class SiteSettingsService {

    private static final Logger log = LoggerFactory.getLogger(SiteSettingsService.class);
    static final String TAG = "settings";

    private static final SiteSettings DEFAULTS = new SiteSettings(
            "Depesche", "Depesche", "Unabhängige Nachrichten aus Technik und Sicherheitspolitik", "de",
            List.of(SiteSettings.NavLink.home()), null, null);

    private final JdbcClient jdbc;
    private final SiteChanges changes;
    private volatile @Nullable SiteSettings current;

    SiteSettingsService(JdbcClient jdbc, SiteChanges changes) {
        this.jdbc = jdbc;
        this.changes = changes;
    }

    public SiteSettings current() {
        SiteSettings s = current;
        if (s == null) {
            try {
                s = load();
                current = s;
            } catch (RuntimeException e) {
                // Error pages must render even when the database is away.
                log.warn("Could not load site settings, using defaults: {}", e.toString());
                return DEFAULTS;
            }
        }
        return s;
    }

    @Transactional
    public SiteSettings update(SiteSettings settings) {
        validate(settings);
        Map<String, @Nullable String> values = new LinkedHashMap<>();
        values.put("site_name", settings.siteName().strip());
        values.put("outlet", settings.outlet().strip());
        values.put("tagline", settings.tagline().strip());
        values.put("language", settings.language());
        StringBuilder nav = new StringBuilder();
        settings.navigation().forEach(l -> nav.append(l.label().strip()).append('|').append(l.url().strip()).append('\n'));
        values.put("navigation", nav.toString());
        values.put("support_url", blankToNull(settings.supportUrl()));
        values.put("newsletter_url", blankToNull(settings.newsletterUrl()));
        values.forEach((key, value) -> {
            jdbc.sql("delete from site_setting where setting_key = :k").param("k", key).update();
            if (value != null) {
                jdbc.sql("insert into site_setting (setting_key, setting_value) values (:k, :v)")
                        .param("k", key).param("v", value).update();
            }
        });
        changes.record(SiteChanges.EVERYTHING, TAG);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                current = null;
            }
        });
        return settings;
    }

    /** Called by the change feed when another node changed the settings. */
    void changed(Set<String> tags) {
        if (tags.contains(TAG) || tags.contains(SiteChanges.EVERYTHING)) {
            current = null;
        }
    }

    private SiteSettings load() {
        Map<String, String> v = new LinkedHashMap<>();
        jdbc.sql("select setting_key, setting_value from site_setting")
                .query((rs, n) -> v.put(rs.getString(1), rs.getString(2)))
                .list();
        List<SiteSettings.NavLink> nav = new ArrayList<>();
        String navText = v.get("navigation");
        if (navText == null) {
            nav.addAll(DEFAULTS.navigation());
        } else {
            for (String line : navText.split("\n")) {
                int bar = line.indexOf('|');
                if (bar > 0) {
                    String label = line.substring(0, bar);
                    String url = line.substring(bar + 1);
                    // Earlier versions stored the default home link with its German label.
                    nav.add("Startseite".equals(label) && "/".equals(url) ? SiteSettings.NavLink.home()
                            : new SiteSettings.NavLink(label, url));
                }
            }
        }
        return new SiteSettings(
                v.getOrDefault("site_name", DEFAULTS.siteName()),
                v.getOrDefault("outlet", DEFAULTS.outlet()),
                v.getOrDefault("tagline", DEFAULTS.tagline()),
                v.getOrDefault("language", DEFAULTS.language()),
                nav,
                v.get("support_url"),
                v.get("newsletter_url"));
    }

    /** Checks settings without saving them; throws {@link InvalidInput} with every problem found. */
    public static void validate(SiteSettings s) {
        InvalidInput.Collector problems = new InvalidInput.Collector();
        requireText(problems, "siteName", s.siteName(), 100);
        requireText(problems, "outlet", s.outlet(), 60);
        if (s.tagline().length() > 200) {
            problems.add("tagline", "validation.tooLong", 200);
        }
        if (!SiteSettings.LANGUAGES.contains(s.language())) {
            problems.add("language", "settings.language.unknown");
        }
        if (s.navigation().size() > 12) {
            problems.add("navigation", "settings.navigation.tooMany", 12);
        }
        for (SiteSettings.NavLink link : s.navigation()) {
            if (link.label().isBlank() || link.label().length() > 40 || link.label().contains("|")) {
                problems.add("navigation", "settings.navigation.label", link.label());
            }
            if (!SafeUrl.isAcceptable(link.url())) {
                problems.add("navigation", "validation.url", link.url());
            }
        }
        optionalUrl(problems, "supportUrl", s.supportUrl());
        optionalUrl(problems, "newsletterUrl", s.newsletterUrl());
        problems.throwIfAny();
    }

    private static void requireText(InvalidInput.Collector problems, String field, String value, int max) {
        if (value.isBlank()) {
            problems.add(field, "validation.required");
        } else if (value.length() > max) {
            problems.add(field, "validation.tooLong", max);
        } else if (value.chars().anyMatch(c -> c < 0x20)) {
            problems.add(field, "validation.controlCharacters");
        }
    }

    private static void optionalUrl(InvalidInput.Collector problems, String field, @Nullable String value) {
        if (value != null && !value.isBlank() && !SafeUrl.isAcceptable(value)) {
            problems.add(field, "validation.url", value);
        }
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
