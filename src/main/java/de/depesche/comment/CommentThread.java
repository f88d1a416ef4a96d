package de.depesche.comment;

import java.util.List;

/** A top-level comment with its replies, oldest first. */
public record CommentThread(Comment comment, List<Comment> replies) {

    public CommentThread {
        replies = List.copyOf(replies);
    }
}
