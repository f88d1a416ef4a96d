/**
 * The moderation assistant: local, explainable scores of a comment against the published policy
 * (off-topic, demeaning, spam). It orders and explains the queue; it never publishes or deletes.
 */
@NullMarked
package de.depesche.moderation.assistant;

import org.jspecify.annotations.NullMarked;
