/**
 * Reader comments: submission with abuse defences, two-level threads, display under articles, the
 * author's view of own pending comments, reply notifications. Owns the tables comment and
 * comment_notify_address. Publishes CommentSubmitted, CommentApproved, CommentRejected.
 */
@NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Comments")
package de.depesche.comment;

import org.jspecify.annotations.NullMarked;
