package de.depesche.comment;

/** A comment's author asked for erasure: name, address and text are gone; copies elsewhere must go too. */
public record CommentErased(long commentId, long articleId) {}
