package de.depesche.mail;

import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

/** Hands prepared messages to the world: SMTP, or files when no SMTP server is configured. */
interface MailTransport {

    /**
     * Sends the messages over one connection where the transport has connections.
     *
     * @return the messages that failed, with the reason; all others were accepted
     */
    Map<MimeMessage, Exception> send(List<MimeMessage> messages);

    String describe();
}
