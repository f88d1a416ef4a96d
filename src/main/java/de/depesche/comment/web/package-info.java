/** The reader side of comments: the form, its answers, reply-notification links. */
@NullMarked
package de.depesche.comment.web;

import org.jspecify.annotations.NullMarked;
