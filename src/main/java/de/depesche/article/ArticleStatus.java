package de.depesche.article;

import java.util.Locale;
import java.util.Optional;

/** Where an article stands in the newsroom's workflow. Only PUBLISHED articles are visible to readers. */
public enum ArticleStatus {
    DRAFT, SCHEDULED, PUBLISHED, UNPUBLISHED;

    /** The lowercase form used in the JSON API. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ArticleStatus> fromApiName(String name) {
        for (ArticleStatus s : values()) {
            if (s.apiName().equals(name.strip().toLowerCase(Locale.ROOT))) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
