/** The moderators' screens in the newsroom and the assistant's JSON API. */
@NullMarked
package de.depesche.moderation.web;

import org.jspecify.annotations.NullMarked;
