/** Web adapters of the moderation module: the staff JSON API of the assistant. */
@NullMarked
package de.depesche.moderation.web;

import org.jspecify.annotations.NullMarked;
