package de.depesche.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * Hands prepared messages to the world: SMTP, or files when no SMTP server is configured. A
 * connection sends one message after another, so that each one can be recorded as sent as soon as
 * the server accepted it.
 */
interface MailTransport {

    Connection open() throws MessagingException;

    String describe();

    interface Connection extends AutoCloseable {
        /** Returns when the server has accepted the message; throws when it refused it. */
        void send(MimeMessage message) throws MessagingException;

        @Override
        void close();
    }
}
