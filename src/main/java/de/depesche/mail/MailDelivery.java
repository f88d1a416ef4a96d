package de.depesche.mail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends what is due in the outbox. Several connections work through a batch in parallel; each mail is
 * recorded as sent once the server accepted it, while the next mail goes over the same connection, and
 * that next mail's end of data (which asks the server to accept it) waits for the record. So a crash
 * can repeat at most one mail per connection, and it carries the same Message-ID again, which lets
 * receivers recognise it. A failed mail waits longer after each failure.
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
    /** The From header, encoded once. */
    private final String from;
    private final Counter sent;
    private final Counter failed;

    MailDelivery(JdbcMailRepository mails, MailTransport transport, MailProperties properties, Clock clock,
                 MeterRegistry meters) {
        this.mails = mails;
        this.transport = transport;
        this.properties = properties;
        this.clock = clock;
        this.domain = domainOf(properties.from());
        this.from = fromHeader(properties.from());
        this.sent = Counter.builder("depesche.mail.sent").register(meters);
        this.failed = Counter.builder("depesche.mail.failed").register(meters);
    }

    /** @return how many mails the server accepted in this round */
    int deliverDue() {
        int total = 0;
        try (Senders senders = new Senders()) {
            while (true) {
                List<JdbcMailRepository.Due> due = mails.due(clock.instant(), properties.batchSize());
                if (due.isEmpty()) {
                    return total;
                }
                int delivered = senders.deliver(due);
                total += delivered;
                if (delivered == 0) {
                    // Nothing got through (the server is away): leave the rest to their back-off.
                    return total;
                }
            }
        }
    }

    /** Sends one batch over the configured connections; package-private for tests that send chosen mails only. */
    int deliver(List<JdbcMailRepository.Due> batch) {
        try (Senders senders = new Senders()) {
            return senders.deliver(batch);
        }
    }

    /**
     * The SMTP connections of one round: opened when first needed and kept open from batch to batch
     * (a connection set up per batch cost a greeting, EHLO and QUIT for every hundred mails), closed
     * when the round ends. Within a batch the connections take the next mail from a shared queue, so
     * that a slow one does not hold up the others at the end of the batch.
     */
    private final class Senders implements AutoCloseable {

        private final MailTransport.@Nullable Connection[] connections =
                new MailTransport.Connection[Math.max(1, properties.connections())];
        /**
         * Records accepted mails as sent, beside the connections. Platform threads here and for the
         * connections: a mail is a handful of short request/response exchanges, and a virtual thread
         * parks and is woken through the poller at each of them, which cost more processor time than
         * the exchange itself.
         */
        private final ExecutorService recorder = Executors.newFixedThreadPool(connections.length,
                Thread.ofPlatform().daemon().name("mail-record-", 0).factory());

        int deliver(List<JdbcMailRepository.Due> batch) {
            int workers = Math.max(1, Math.min(connections.length, (batch.size() + 49) / 50));
            Queue<JdbcMailRepository.Due> queue = new ConcurrentLinkedQueue<>(batch);
            AtomicInteger delivered = new AtomicInteger();
            try (ExecutorService pool = Executors.newFixedThreadPool(workers,
                    Thread.ofPlatform().daemon().name("mail-smtp-", 0).factory())) {
                List<Future<?>> running = new ArrayList<>();
                for (int i = 0; i < workers; i++) {
                    int slot = i;
                    running.add(pool.submit(() -> delivered.addAndGet(work(slot, queue))));
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

        /**
         * Sends mails from the queue over one connection until the queue is empty. A connection that
         * cannot be opened, or is lost, fails the mail at hand (it waits for its back-off); after a lost
         * one the next mail gets a new connection, and when that cannot be opened either this worker stops
         * and leaves the rest to the others, or to the next round.
         */
        private int work(int slot, Queue<JdbcMailRepository.Due> queue) {
            int delivered = 0;
            // The mark of the mail before, written while the next mail goes over the wire.
            CompletableFuture<Void> recorded = CompletableFuture.completedFuture(null);
            JdbcMailRepository.Due d;
            try {
                while ((d = queue.poll()) != null) {
                    String messageId = messageId(d);
                    CompletableFuture<Void> before = recorded;
                    MimeMessage message;
                    try {
                        // The end of this mail's data waits until the one before is recorded as sent: the server
                        // cannot accept this one before, so at most one accepted mail per connection is unrecorded.
                        message = prepare(d, messageId, () -> awaitRecorded(before));
                    } catch (MessagingException | RuntimeException e) {
                        // A mail that cannot even be built will not get better: give it up at once.
                        log.warn("Mail {} cannot be built and is given up: {}", d.id(), e.toString());
                        mails.failed(d.id(), e.toString(), clock.instant(), true);
                        failed.increment();
                        continue;
                    }
                    MailTransport.Connection connection = connections[slot];
                    if (connection == null) {
                        try {
                            connection = transport.open();
                            connections[slot] = connection;
                        } catch (MessagingException | RuntimeException e) {
                            failure(d, e);
                            return delivered;
                        }
                    }
                    try {
                        connection.send(message);
                    } catch (MessagingException | RuntimeException e) {
                        failure(d, e);
                        if (isConnectionLost(e)) {
                            connection.close();
                            connections[slot] = null;
                        }
                        continue;
                    }
                    // Done already when the transport wrote the mail (see above); this keeps it so for one that does not.
                    try {
                        awaitRecorded(before);
                    } catch (IOException e) {
                        log.error("A mail the server accepted could not be recorded as sent; it will go out once more", e);
                    }
                    long id = d.id();
                    Instant at = clock.instant();
                    recorded = CompletableFuture.runAsync(() -> mails.sent(id, messageId, at), recorder);
                    sent.increment();
                    delivered++;
                }
            } finally {
                // Before the next batch is read, every accepted mail of this one is recorded.
                try {
                    recorded.join();
                } catch (CompletionException | CancellationException e) {
                    log.error("A mail the server accepted could not be recorded as sent; it will go out once more", e);
                }
            }
            return delivered;
        }

        private static void awaitRecorded(CompletableFuture<Void> before) throws IOException {
            try {
                before.join();
            } catch (CompletionException | CancellationException e) {
                throw new IOException("the mail before could not be recorded as sent", e);
            }
        }

        @Override
        public void close() {
            recorder.close();
            for (int i = 0; i < connections.length; i++) {
                MailTransport.Connection c = connections[i];
                if (c != null) {
                    c.close();
                    connections[i] = null;
                }
            }
        }
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

    private MimeMessage prepare(JdbcMailRepository.Due d, String id, WireMessage.EndOfData endOfData) throws MessagingException {
        String to = WireMessage.address(new InternetAddress(d.to(), true).getAddress(), null);
        byte[] wire = WireMessage.compose(from, to, d.subject(), d.text(), d.html(), headers(d.headers()), id, d.id(),
                clock.instant());
        return WireMessage.asMessage(session, wire, from, to, id, d.id(), endOfData);
    }

    private static Map<String, String> headers(String encoded) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : encoded.split("\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                headers.put(line.substring(0, colon), line.substring(colon + 2));
            }
        }
        return headers;
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

    private static String fromHeader(String from) {
        try {
            InternetAddress address = new InternetAddress(from, true);
            return WireMessage.address(address.getAddress(), address.getPersonal());
        } catch (AddressException e) {
            throw new IllegalArgumentException("depesche.mail.from is not an address: " + from, e);
        }
    }

    private static String domainOf(String from) {
        int at = from.lastIndexOf('@');
        String rest = at < 0 ? "depesche.local" : from.substring(at + 1);
        return rest.replaceAll("[^A-Za-z0-9.-]", "");
    }
}
