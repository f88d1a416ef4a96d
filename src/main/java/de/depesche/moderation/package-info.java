/**
 * Comment moderation: policy assessment (assistant), queue, decisions, bans.
 * The assistant (sub-package {@code assistant}) scores comments against the published policy; it never decides alone.
 */
@NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Moderation")
package de.depesche.moderation;

import org.jspecify.annotations.NullMarked;
