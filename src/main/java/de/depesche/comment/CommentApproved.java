package de.depesche.comment;

import org.jspecify.annotations.Nullable;

/** A moderator approved a comment; everybody sees it now. */
public record CommentApproved(long commentId, long articleId, @Nullable Long parentId) {}
