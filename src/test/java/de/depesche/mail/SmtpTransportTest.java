package de.depesche.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** Plain and STARTTLS submission use sockets without Nagle's delay; implicit TLS and an operator's own factory are left alone. */
class SmtpTransportTest {

    @Test
    void plainSubmissionSwitchesNaglesDelayOff() {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.getJavaMailProperties().setProperty("mail.smtp.starttls.enable", "true");
        new SmtpTransport(sender, "test");
        assertThat(sender.getSession().getProperties().get("mail.smtp.socketFactory")).isInstanceOf(NoDelaySocketFactory.class);
    }

    @Test
    void implicitTlsAndOwnFactoriesAreLeftAlone() {
        JavaMailSenderImpl tls = new JavaMailSenderImpl();
        tls.getJavaMailProperties().setProperty("mail.smtp.ssl.enable", "true");
        new SmtpTransport(tls, "test");
        assertThat(tls.getSession().getProperties()).doesNotContainKey("mail.smtp.socketFactory");

        JavaMailSenderImpl own = new JavaMailSenderImpl();
        own.getJavaMailProperties().setProperty("mail.smtp.socketFactory.class", "org.example.Factory");
        new SmtpTransport(own, "test");
        assertThat(own.getSession().getProperties()).doesNotContainKey("mail.smtp.socketFactory");
    }
}
