package de.depesche.comment;

import org.jspecify.annotations.Nullable;

/**
 * What a moderator's decision did to a comment. {@code changed}: the decision moved the comment (or changed its
 * text). Not changed and no refusal: the comment already was where the decision wanted it, usually because
 * another moderator decided first. {@code refusal}: the decision is not possible (a message key), e.g. for a
 * deleted comment.
 *
 * @param before the comment's status just before the decision
 */
public record StatusChange(Comment comment, CommentStatus before, boolean changed, @Nullable String refusal) {

    static StatusChange changed(Comment after, CommentStatus before) {
        return new StatusChange(after, before, true, null);
    }

    static StatusChange unchanged(Comment now, CommentStatus before) {
        return new StatusChange(now, before, false, null);
    }

    static StatusChange refused(Comment c, String messageKey) {
        return new StatusChange(c, c.status(), false, messageKey);
    }

    public boolean refused() {
        return refusal != null;
    }

    /** Nothing to do: somebody else had decided the same already. */
    public boolean alreadyDecided() {
        return !changed && refusal == null;
    }
}
