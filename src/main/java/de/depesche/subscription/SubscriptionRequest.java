package de.depesche.subscription;

import org.jspecify.annotations.Nullable;

/**
 * A reader's wish to subscribe; {@code email} may be empty for the feed channel.
 *
 * @param language the reader's language ({@code de} or {@code en}) for every mail to this address; null
 *                 for the site's language
 */
public record SubscriptionRequest(@Nullable String email, SubscriptionKind kind, String target, Channel channel,
                                  boolean consent, @Nullable String language) {

    public SubscriptionRequest(@Nullable String email, SubscriptionKind kind, String target, Channel channel, boolean consent) {
        this(email, kind, target, channel, consent, null);
    }
}
