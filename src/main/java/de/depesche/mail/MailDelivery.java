package de.depesche.mail;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

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
 * Sends what is due in the outbox. Several connections work through a batch in parallel; each mail is
 * recorded as sent the moment the server accepted it, so a crash can repeat at most the mails that
 * were on the wire, and those carry the same Message-ID again, which lets receivers recognise them.
 * A failed mail waits longer after each failure.
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

    /** @return how many mails the server accepted in this round */
    int deliverDue() {
        int total = 0;
        while (true) {
            List<JdbcMailRepository.Due> due = mails.due(clock.instant(), properties.batchSize());
            if (due.isEmpty()) {
                return total;
            }
            int delivered = deliver(due);
            total += delivered;
            if (delivered == 0) {
                // Nothing got through (the server is away): leave the rest to their back-off.
                return total;
            }
        }
    }

    /** Sends one batch over the configured connections; package-private for tests that send chosen mails only. */
    int deliver(List<JdbcMailRepository.Due> batch) {
        int workers = Math.max(1, Math.min(properties.connections(), (batch.size() + 49) / 50));
        List<List<JdbcMailRepository.Due>> parts = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            parts.add(new ArrayList<>());
        }
        for (int i = 0; i < batch.size(); i++) {
            parts.get(i % workers).add(batch.get(i));
        }
        AtomicInteger delivered = new AtomicInteger();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (List<JdbcMailRepository.Due> part : parts) {
                running.add(pool.submit(() -> delivered.addAndGet(deliverOverOneConnection(part))));
            }
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (Exception e) {
                    log.error("A mail delivery worker failed", e);
                }
            }
        }
        return delivered.get();
    }

    private int deliverOverOneConnection(List<JdbcMailRepository.Due> part) {
        int delivered = 0;
        MailTransport.Connection connection;
        try {
            connection = transport.open();
        } catch (MessagingException | RuntimeException e) {
            part.forEach(d -> failure(d, e));
            return 0;
        }
        try (connection) {
            for (int i = 0; i < part.size(); i++) {
                JdbcMailRepository.Due d = part.get(i);
                MimeMessage message;
                try {
                    message = prepare(d);
                } catch (MessagingException | UnsupportedEncodingException | RuntimeException e) {
                    // A mail that cannot even be built will not get better: give it up at once.
                    log.warn("Mail {} cannot be built and is given up: {}", d.id(), e.toString());
                    mails.failed(d.id(), e.toString(), clock.instant(), true);
                    failed.increment();
                    continue;
                }
                try {
                    connection.send(message);
                } catch (MessagingException | RuntimeException e) {
                    failure(d, e);
                    if (isConnectionLost(e)) {
                        part.subList(i + 1, part.size()).forEach(rest -> failure(rest, e));
                        return delivered;
                    }
                    continue;
                }
                mails.sent(d.id(), messageId(d), clock.instant());
                sent.increment();
                delivered++;
            }
        }
        return delivered;
    }

    private void failure(JdbcMailRepository.Due d, Exception e) {
        int attempts = d.attempts() + 1;
        boolean giveUp = attempts >= properties.maxAttempts();
        Duration wait = backoff(attempts);
        mails.failed(d.id(), e.toString(), clock.instant().plus(wait), giveUp);
        failed.increment();
        if (giveUp) {
            log.error("Mail {} to {} given up after {} attempts: {}", d.id(), d.to(), attempts, e.toString());
        } else {
            log.warn("Mail {} not delivered (attempt {}), next try in {}: {}", d.id(), attempts, wait, e.toString());
        }
    }

    /** Whether the connection is gone (I/O failure, or the server said 421 and hangs up), not just this mail refused. */
    private static boolean isConnectionLost(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.io.IOException || t instanceof IllegalStateException
                    || String.valueOf(t.getMessage()).startsWith("421")) {
                return true;
            }
        }
        return false;
    }

    Duration backoff(int attempts) {
        long factor = 1L << Math.min(attempts - 1, 20);
        Duration wait = properties.retryDelay().multipliedBy(factor);
        return wait.compareTo(Duration.ofHours(1)) > 0 ? Duration.ofHours(1) : wait;
    }

    private MimeMessage prepare(JdbcMailRepository.Due d) throws MessagingException, UnsupportedEncodingException {
        String id = messageId(d);
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", id);
            }
        };
        boolean multipart = d.html() != null;
        MimeMessageHelper helper = new MimeMessageHelper(message, multipart, StandardCharsets.UTF_8.name());
        helper.setFrom(new InternetAddress(properties.from(), true));
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

    /** The same for every attempt of one outbox row, so a repeated delivery is recognisable as the same mail. */
    private String messageId(JdbcMailRepository.Due d) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(d.key().getBytes(StandardCharsets.UTF_8));
            return "<" + d.id() + "." + HexFormat.of().formatHex(hash, 0, 6) + "@" + domain + ">";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String domainOf(String from) {
        int at = from.lastIndexOf('@');
        String rest = at < 0 ? "depesche.local" : from.substring(at + 1);
        return rest.replaceAll("[^A-Za-z0-9.-]", "");
    }
}
