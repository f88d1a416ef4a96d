package de.depesche.comment;

import org.jspecify.annotations.Nullable;

/** What a reader sends with the comment form. */
public record CommentSubmission(long articleId, @Nullable Long parentId, String name, String email, String text,
                                boolean notifyReplies, boolean consent) {}
