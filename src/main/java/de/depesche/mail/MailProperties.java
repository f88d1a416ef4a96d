package de.depesche.mail;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param from        sender of every mail, e.g. {@code "Depesche <redaktion@example.org>"}
 * @param batchSize   mails handed to SMTP per connection and round
 * @param maxAttempts attempts before a mail is given up (with back-off, about two days)
 * @param retryDelay  first wait after a failure; doubles with every further failure, at most an hour
 * @param connections SMTP connections used in parallel while a backlog is sent
 * @param retention   how long sent and given-up mails are kept (with their .eml files); {@code 0} keeps them
 */
@ConfigurationProperties("depesche.mail")
public record MailProperties(
        @DefaultValue("Depesche <redaktion@depesche.local>") String from,
        @DefaultValue("400") int batchSize,
        @DefaultValue("60") int maxAttempts,
        @DefaultValue("30s") Duration retryDelay,
        @DefaultValue("2s") Duration pollInterval,
        @DefaultValue("4") int connections,
        @DefaultValue("30d") Duration retention) {

    public MailProperties {
        if (retention.isNegative()) {
            throw new IllegalArgumentException("depesche.mail.retention must not be negative");
        }
    }
}
