/**
 * Outgoing e-mail: a transactional outbox that other modules fill in the same transaction as the
 * change that causes a mail, and delivery with retries over SMTP (or into .eml files without SMTP).
 * Owns the table mail_outbox.
 */
@NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Mail")
package de.depesche.mail;

import org.jspecify.annotations.NullMarked;
