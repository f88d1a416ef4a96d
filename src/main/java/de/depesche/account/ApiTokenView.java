package de.depesche.account;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** An API token as its owner sees it in the newsroom: name and the last characters, never the secret. */
public record ApiTokenView(long id, String name, String hint, Instant createdAt,
                           @Nullable Instant lastUsedAt, @Nullable Instant revokedAt) {}
