/** The feed addresses readers' feed clients fetch; they use only the feed module's public API. */
@NullMarked
package de.depesche.feed.web;

import org.jspecify.annotations.NullMarked;
