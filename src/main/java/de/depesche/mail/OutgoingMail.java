package de.depesche.mail;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A mail to send.
 *
 * @param idempotencyKey the same key is queued only once, however often it is enqueued (e.g. {@code reply:123})
 * @param to             one recipient address
 * @param kind           what sort of mail, for the newsroom and metrics (e.g. {@code comment.reply})
 * @param headers        extra headers such as List-Unsubscribe; values must be single lines
 */
public record OutgoingMail(String idempotencyKey, String to, String subject, String text, @Nullable String html,
                           Map<String, String> headers, String kind) {

    public OutgoingMail {
        headers = Map.copyOf(headers);
    }
}
