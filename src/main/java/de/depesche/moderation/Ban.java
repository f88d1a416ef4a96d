package de.depesche.moderation;

import java.time.Instant;

import de.depesche.comment.RejectionReason;
import org.jspecify.annotations.Nullable;

/**
 * @param label  what moderators see: the masked address or the network hash's first characters
 * @param reason the policy reason the moderator chose ({@link RejectionReason} name); bans from before
 *               reasons were chosen may carry free text
 */
public record Ban(long id, BanKind kind, String label, String reason, String createdBy, Instant createdAt,
                  @Nullable Instant liftedAt) {

    /** The message key of the policy reason, or null for free text. */
    public @Nullable String reasonKey() {
        for (RejectionReason r : RejectionReason.values()) {
            if (r.name().equals(reason)) {
                return r.messageKey();
            }
        }
        return null;
    }
}
