package de.depesche.subscription;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * @param label what the subscriber sees, e.g. the article title for {@link SubscriptionKind#SIMILAR}
 */
public record Subscription(long id, long subscriberId, SubscriptionKind kind, String target, String label,
                           Channel channel, SubscriptionStatus status, Instant requestedAt,
                           @Nullable Instant confirmedAt, String consentVersion) {}
