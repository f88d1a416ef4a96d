package de.depesche.comment;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A reader comment. The e-mail address is for notifications and moderation only, never shown.
 *
 * @param editedAt when the editors changed the text (readers see a note)
 */
public record Comment(long id, long articleId, @Nullable Long parentId, String authorName, String authorEmail,
                      String text, CommentStatus status, boolean notifyReplies, String networkHash,
                      Instant createdAt, @Nullable Instant decidedAt, @Nullable Instant editedAt,
                      @Nullable RejectionReason rejectionReason) {

    public boolean isReply() {
        return parentId != null;
    }

    public String anchor() {
        return "kommentar-" + id;
    }

    /** The text in paragraphs, split at blank lines; single line breaks stay inside a paragraph. */
    public java.util.List<String> paragraphs() {
        return java.util.Arrays.stream(text.split("\\n\\s*\\n")).map(String::strip).filter(p -> !p.isEmpty()).toList();
    }
}
