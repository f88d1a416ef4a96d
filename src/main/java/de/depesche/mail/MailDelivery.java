package de.depesche.mail;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends what is due in the outbox, a batch per round, and records each outcome right away: a mail
 * accepted by the server is marked sent before the next batch, a failed one waits longer each time.
 */
@Component
class MailDelivery {

    private static final Logger log = LoggerFactory.getLogger(MailDelivery.class);

    private final JdbcMailRepository mails;
    private final MailTransport transport;
    private final MailProperties properties;
    private final Clock clock;
    private final Session session = Session.getInstance(new java.util.Properties());
    private final String domain;
    private final Counter sent;
    private final Counter failed;

    MailDelivery(JdbcMailRepository mails, MailTransport transport, MailProperties properties, Clock clock,
                 MeterRegistry meters) {
        this.mails = mails;
        this.transport = transport;
        this.properties = properties;
        this.clock = clock;
        this.domain = domainOf(properties.from());
        this.sent = Counter.builder("depesche.mail.sent").register(meters);
        this.failed = Counter.builder("depesche.mail.failed").register(meters);
    }

    /** @return how many mails were handed over in this round */
    int deliverDue() {
        int total = 0;
        List<JdbcMailRepository.Due> due;
        do {
            due = mails.due(clock.instant(), properties.batchSize());
            total += deliver(due);
        } while (due.size() == properties.batchSize());
        return total;
    }

    private int deliver(List<JdbcMailRepository.Due> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        Map<MimeMessage, JdbcMailRepository.Due> byMessage = new IdentityHashMap<>();
        List<MimeMessage> messages = new ArrayList<>();
        for (JdbcMailRepository.Due d : batch) {
            try {
                MimeMessage m = prepare(d);
                byMessage.put(m, d);
                messages.add(m);
            } catch (MessagingException | UnsupportedEncodingException | RuntimeException e) {
                // A mail that cannot even be built will not get better: give it up at once.
                log.warn("Mail {} cannot be built and is given up: {}", d.id(), e.toString());
                mails.failed(d.id(), e.toString(), clock.instant(), true);
                failed.increment();
            }
        }
        Map<MimeMessage, Exception> failures = transport.send(messages);
        Instant now = clock.instant();
        int delivered = 0;
        for (MimeMessage m : messages) {
            JdbcMailRepository.Due d = byMessage.get(m);
            Exception failure = failures.get(m);
            if (failure == null) {
                mails.sent(d.id(), messageId(m), now);
                sent.increment();
                delivered++;
            } else {
                int attempts = d.attempts() + 1;
                boolean giveUp = attempts >= properties.maxAttempts();
                Duration wait = backoff(attempts);
                mails.failed(d.id(), failure.toString(), now.plus(wait), giveUp);
                failed.increment();
                if (giveUp) {
                    log.error("Mail {} to {} given up after {} attempts: {}", d.id(), d.to(), attempts, failure.toString());
                } else {
                    log.warn("Mail {} not delivered (attempt {}), next try in {}: {}", d.id(), attempts, wait, failure.toString());
                }
            }
        }
        return delivered;
    }

    Duration backoff(int attempts) {
        long factor = 1L << Math.min(attempts - 1, 20);
        Duration wait = properties.retryDelay().multipliedBy(factor);
        return wait.compareTo(Duration.ofHours(1)) > 0 ? Duration.ofHours(1) : wait;
    }

    private MimeMessage prepare(JdbcMailRepository.Due d) throws MessagingException, UnsupportedEncodingException {
        String id = "<" + d.id() + "." + UUID.randomUUID().toString().substring(0, 8) + "@" + domain + ">";
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", id);
            }
        };
        boolean multipart = d.html() != null;
        MimeMessageHelper helper = new MimeMessageHelper(message, multipart, StandardCharsets.UTF_8.name());
        InternetAddress from = new InternetAddress(properties.from(), true);
        helper.setFrom(from);
        helper.setTo(new InternetAddress(d.to(), true));
        helper.setSubject(d.subject());
        if (multipart) {
            helper.setText(d.text(), d.html());
        } else {
            helper.setText(d.text(), false);
        }
        for (String line : d.headers().split("\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                message.setHeader(line.substring(0, colon), line.substring(colon + 2));
            }
        }
        message.setHeader("X-Depesche-Mail", String.valueOf(d.id()));
        message.setSentDate(java.util.Date.from(clock.instant()));
        message.saveChanges();
        return message;
    }

    private static String messageId(MimeMessage m) {
        try {
            return m.getMessageID();
        } catch (MessagingException e) {
            return "";
        }
    }

    private static String domainOf(String from) {
        int at = from.lastIndexOf('@');
        String rest = at < 0 ? "depesche.local" : from.substring(at + 1);
        return rest.replaceAll("[^A-Za-z0-9.-]", "");
    }
}
