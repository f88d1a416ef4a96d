package de.depesche.subscription;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A person (or a feed reader) with subscriptions.
 *
 * @param email       null for feed-only subscribers
 * @param manageToken the secret of the manage page; in every mail
 * @param feedToken   the secret of the personal feed
 */
public record Subscriber(long id, @Nullable String email, String manageToken, String feedToken, String language,
                         Instant createdAt, @Nullable Instant confirmedAt) {

    public String managePath() {
        return "/abo/verwalten/" + manageToken;
    }

    public String feedPath() {
        return "/feed/abo/" + feedToken;
    }
}
