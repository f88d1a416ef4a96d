package de.depesche.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.javamail.JavaMailSenderImpl;

/** Real SMTP over one connection per delivery worker, configured like Spring's mail sender. */
class SmtpTransport implements MailTransport {

    private final JavaMailSenderImpl sender;
    private final String description;

    SmtpTransport(JavaMailSenderImpl sender, String description) {
        this.sender = sender;
        this.description = description;
    }

    @Override
    public Connection open() throws MessagingException {
        Transport transport = sender.getSession().getTransport(sender.getProtocol() == null ? "smtp" : sender.getProtocol());
        String user = sender.getUsername() == null || sender.getUsername().isEmpty() ? null : sender.getUsername();
        String password = user == null ? null : sender.getPassword();
        transport.connect(sender.getHost(), sender.getPort(), user, password);
        return new Connection() {
            @Override
            public void send(MimeMessage message) throws MessagingException {
                transport.sendMessage(message, message.getAllRecipients());
            }

            @Override
            public void close() {
                try {
                    transport.close();
                } catch (MessagingException ignored) {
                    // the server went away first; nothing left to release
                }
            }
        };
    }

    @Override
    public String describe() {
        return description;
    }
}
