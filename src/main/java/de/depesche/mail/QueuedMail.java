package de.depesche.mail;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** A mail in the outbox as the newsroom shows it. */
public record QueuedMail(long id, String kind, String to, String subject, String status, int attempts,
                         Instant createdAt, @Nullable Instant sentAt, @Nullable String lastError,
                         @Nullable String messageId) {}
