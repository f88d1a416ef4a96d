package de.depesche.account;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** A staff member as other modules see them (never with credentials). */
public record StaffMember(long id, String email, String displayName, String slug, Role role,
                          @Nullable String bio, boolean enabled, Instant createdAt) {

    public boolean mayPublish() {
        return role == Role.ADMIN || role == Role.EDITOR;
    }
}
