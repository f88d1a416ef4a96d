package de.depesche.comment;

import org.jspecify.annotations.Nullable;

/** A reader submitted a comment; it waits for a moderator. */
public record CommentSubmitted(long commentId, long articleId, @Nullable Long parentId) {}
