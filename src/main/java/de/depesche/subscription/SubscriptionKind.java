package de.depesche.subscription;

import java.util.Locale;
import java.util.Optional;

/** What a reader subscribes to. The target's meaning depends on the kind. */
public enum SubscriptionKind {
    /** News similar to one article; target: the article id. */
    SIMILAR,
    /** A category; target: its slug. */
    CATEGORY,
    /** A tag; target: its slug. */
    TAG,
    /** An author; target: the author's slug. */
    AUTHOR,
    /** A saved search ("Suchagent"); target: the query. */
    SEARCH,
    /** The newsletter digest; target: {@code daily} or {@code weekly}. */
    NEWSLETTER;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SubscriptionKind> fromApiName(String value) {
        for (SubscriptionKind k : values()) {
            if (k.apiName().equals(value.strip().toLowerCase(Locale.ROOT))) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
