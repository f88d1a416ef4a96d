package de.depesche.moderation;

import de.depesche.comment.Comment;

/** A comment waiting in the moderation queue, with its article and the assistant's assessment. */
public record QueueItem(Comment comment, String articleTitle, String articlePath, RiskAssessment assessment) {

    /** The address as moderators see it: enough to recognise a repeat writer, not to copy it. */
    public String maskedEmail() {
        String email = comment.authorEmail();
        int at = email.indexOf('@');
        return at <= 1 ? "…" + email.substring(Math.max(0, at)) : email.charAt(0) + "…" + email.substring(at);
    }
}
