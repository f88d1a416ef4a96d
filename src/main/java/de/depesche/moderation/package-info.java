/**
 * Comment moderation: policy assessment (the assistant), the queue sorted by risk, decisions with
 * their log, bans. Owns the tables moderation_queue, moderation_decision, moderation_ban.
 */
@NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Moderation")
package de.depesche.moderation;

import org.jspecify.annotations.NullMarked;
