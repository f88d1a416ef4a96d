package de.depesche.mail;

import java.util.Properties;

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
        // Before the first session is made from these properties. Implicit TLS (port 465) keeps the
        // mail library's own TLS socket factory, and an operator's own factory is left alone.
        Properties properties = sender.getJavaMailProperties();
        String protocol = sender.getProtocol() == null ? "smtp" : sender.getProtocol();
        if (!"true".equalsIgnoreCase(properties.getProperty("mail." + protocol + ".ssl.enable"))
                && !"smtps".equals(protocol)
                && !properties.containsKey("mail." + protocol + ".socketFactory")
                && !properties.containsKey("mail." + protocol + ".socketFactory.class")) {
            properties.put("mail." + protocol + ".socketFactory", new NoDelaySocketFactory());
        }
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
