package de.depesche.comment;

/** Every comment starts PENDING; only APPROVED comments are shown to everybody. */
public enum CommentStatus { PENDING, APPROVED, REJECTED, DELETED }
