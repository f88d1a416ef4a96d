package de.depesche.account;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One thing a staff member (or the system, with no actor) did in the newsroom.
 *
 * @param action a message key
 */
public record AuditEntry(long id, Instant at, @Nullable Long actorId, String actorName, String action,
                         String target, String detail) {

    /** Done by the system itself (scheduler, first start): pages show {@code audit.actor.system}. */
    public boolean bySystem() {
        return actorId == null;
    }
}
