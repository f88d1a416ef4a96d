package de.depesche.account;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** One thing a staff member (or the system, with no actor) did in the newsroom. */
public record AuditEntry(long id, Instant at, @Nullable Long actorId, String actorName, String action,
                         String target, String detail) {}
