package de.depesche.mail;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;

/** Real SMTP: one connection per batch (Spring's JavaMailSender), failures reported per message. */
class SmtpTransport implements MailTransport {

    private final JavaMailSender sender;
    private final String description;

    SmtpTransport(JavaMailSender sender, String description) {
        this.sender = sender;
        this.description = description;
    }

    @Override
    public Map<MimeMessage, Exception> send(List<MimeMessage> messages) {
        Map<MimeMessage, Exception> failures = new IdentityHashMap<>();
        if (messages.isEmpty()) {
            return failures;
        }
        try {
            sender.send(messages.toArray(MimeMessage[]::new));
        } catch (MailSendException e) {
            if (e.getFailedMessages().isEmpty()) {
                messages.forEach(m -> failures.put(m, e));
            }
            e.getFailedMessages().forEach((message, failure) -> {
                if (message instanceof MimeMessage m) {
                    failures.put(m, failure);
                }
            });
        } catch (MailException e) {
            messages.forEach(m -> failures.put(m, e));
        }
        return failures;
    }

    @Override
    public String describe() {
        return description;
    }
}
