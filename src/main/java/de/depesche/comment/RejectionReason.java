package de.depesche.comment;

import java.util.Locale;
import java.util.Optional;

/** Why a moderator refused a comment, after the published policy. */
public enum RejectionReason {
    OFF_TOPIC, DEMEANING, SPAM, OTHER;

    public String messageKey() {
        return "comment.reason." + name().toLowerCase(Locale.ROOT);
    }

    public static Optional<RejectionReason> parse(String value) {
        for (RejectionReason r : values()) {
            if (r.name().equalsIgnoreCase(value.strip().replace('-', '_'))) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
