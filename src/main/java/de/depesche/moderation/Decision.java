package de.depesche.moderation;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** One moderator decision: who, when, what and why, and the text before and after an edit. */
public record Decision(long id, long commentId, long articleId, String moderatorName, Instant at, String action,
                       @Nullable String reason, @Nullable String beforeText, @Nullable String afterText) {}
