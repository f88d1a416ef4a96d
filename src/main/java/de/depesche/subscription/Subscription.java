package de.depesche.subscription;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One subscription with its consent record.
 *
 * @param label              what the subscriber sees, e.g. the article title for {@link SubscriptionKind#SIMILAR}
 * @param consentVersion     the version of the consent text the reader agreed to with the (latest) request
 * @param consentNetworkHash salted hash of the network the (latest) request came from
 * @param confirmNetworkHash salted hash of the network the confirmation came from; null until confirmed
 */
public record Subscription(long id, long subscriberId, SubscriptionKind kind, String target, String label,
                           Channel channel, SubscriptionStatus status, Instant requestedAt,
                           @Nullable Instant confirmedAt, String consentVersion, String consentNetworkHash,
                           @Nullable String confirmNetworkHash, @Nullable Instant endedAt) {

    /**
     * The message key naming this subscription when its label is a code rather than words (the
     * newsletter's {@code daily} or {@code weekly}); null when the label can be shown as it is.
     */
    public @Nullable String labelKey() {
        return kind == SubscriptionKind.NEWSLETTER ? "subscription.newsletter." + target : null;
    }
}
