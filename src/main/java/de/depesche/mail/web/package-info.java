/** The newsroom's view of outgoing mail. */
@NullMarked
package de.depesche.mail.web;

import org.jspecify.annotations.NullMarked;
