package de.depesche.subscription;

import org.jspecify.annotations.Nullable;

/** A reader's wish to subscribe; {@code email} may be empty for the feed channel. */
public record SubscriptionRequest(@Nullable String email, SubscriptionKind kind, String target, Channel channel,
                                  boolean consent) {}
