package de.depesche.moderation;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * @param label what moderators see: the masked address or the network hash's first characters
 */
public record Ban(long id, BanKind kind, String label, String reason, String createdBy, Instant createdAt,
                  @Nullable Instant liftedAt) {}
