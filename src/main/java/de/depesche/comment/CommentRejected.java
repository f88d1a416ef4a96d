package de.depesche.comment;

/** A moderator refused or deleted a comment. */
public record CommentRejected(long commentId, long articleId, RejectionReason reason, boolean deleted) {}
