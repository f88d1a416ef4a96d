package de.depesche.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import de.depesche.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MailDeliveryTest extends IntegrationTest {

    @Autowired
    JdbcMailRepository repository;

    @Autowired
    MailOutbox outbox;

    /** A server that can be switched off and records what it accepted. */
    static final class FlakyServer implements MailTransport {
        final AtomicBoolean up = new AtomicBoolean(true);
        final List<String> accepted = new ArrayList<>();

        @Override
        public Connection open() throws MessagingException {
            if (!up.get()) {
                throw new MessagingException("connection refused", new java.net.ConnectException("refused"));
            }
            return new Connection() {
                @Override
                public void send(MimeMessage message) throws MessagingException {
                    if (!up.get()) {
                        throw new MessagingException("421 service not available", new java.io.IOException("closed"));
                    }
                    synchronized (accepted) {
                        accepted.add(message.getAllRecipients()[0] + " " + message.getMessageID());
                    }
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public String describe() {
            return "test server";
        }
    }

    @Test
    void aServerThatRefusesForAWhileLosesNothingAndGetsEveryMailOnce() {
        String run = "outage-" + System.nanoTime();
        // Queued an hour ahead, so that only this test's delivery (with its own clock) sees them, not the running one.
        Instant later = Instant.now().plusSeconds(3600);
        for (int i = 0; i < 120; i++) {
            repository.insert(run + ":" + i, run, run + "-" + i + "@example.org", "Betreff " + i, "Text", null, "", later);
        }
        FlakyServer server = new FlakyServer();
        server.up.set(false);
        MutableClock clock = new MutableClock(later);
        MailDelivery delivery = new MailDelivery(repository, server,
                new MailProperties("Test <t@test.depesche.local>", 50, 60, Duration.ofSeconds(30), Duration.ofSeconds(1), 3,
                        Duration.ofDays(30)),
                clock, new SimpleMeterRegistry());

        assertThat(delivery.deliverDue()).isZero();
        assertThat(outbox.countByStatus(run + ":")).containsEntry("PENDING", 120L);
        clock.advance(Duration.ofSeconds(31));
        assertThat(delivery.deliverDue()).as("still down a minute later").isZero();

        server.up.set(true);
        clock.advance(Duration.ofMinutes(2));
        int delivered = 0;
        for (int round = 0; round < 10 && delivered < 120; round++) {
            delivered += delivery.deliverDue();
            clock.advance(Duration.ofMinutes(2));
        }
        assertThat(outbox.countByStatus(run + ":")).containsEntry("SENT", 120L).doesNotContainKey("PENDING");
        // Other tests' mails may be due as well; count ours, by their addresses.
        assertThat(server.accepted.stream().filter(a -> a.startsWith(run + "-")).toList()).hasSize(120).doesNotHaveDuplicates();
        assertThat(delivery.deliverDue()).as("nothing is sent twice").isZero();
    }

    /**
     * What bounds the repeats after a crash: when the server is asked to accept a mail (its end of data),
     * every mail it accepted before on that connection is recorded as sent already.
     */
    @Test
    void atTheEndOfEachMailEveryMailAcceptedBeforeOnItsConnectionIsRecordedAsSent() {
        String run = "recorded-" + System.nanoTime();
        // Whole milliseconds: the database keeps microseconds and might round the due time past the clock.
        Instant later = Instant.now().plusSeconds(7200).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        for (int i = 0; i < 200; i++) {
            repository.insert(run + ":" + i, run, run + "-" + i + "@example.org", "Betreff " + i, "Text", "<p>Text</p>", "", later);
        }
        List<String> unrecorded = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> accepted = java.util.Collections.synchronizedList(new ArrayList<>());
        MailTransport server = new MailTransport() {
            @Override
            public Connection open() {
                List<Long> before = new ArrayList<>();
                return new Connection() {
                    @Override
                    public void send(MimeMessage message) throws MessagingException {
                        try {
                            message.writeTo(java.io.OutputStream.nullOutputStream());
                        } catch (java.io.IOException e) {
                            throw new MessagingException("write", e);
                        }
                        // The end of data: the server is about to accept this mail.
                        for (long id : before) {
                            if (!"SENT".equals(outbox.find(id).orElseThrow().status())) {
                                unrecorded.add(id + " still unrecorded when the next mail ended");
                            }
                        }
                        long id = Long.parseLong(message.getHeader("X-Depesche-Mail", null));
                        before.add(id);
                        accepted.add(message.getAllRecipients()[0].toString());
                    }

                    @Override
                    public void close() {
                    }
                };
            }

            @Override
            public String describe() {
                return "checking server";
            }
        };
        MailDelivery delivery = new MailDelivery(repository, server,
                new MailProperties("Test <t@test.depesche.local>", 50, 60, Duration.ofSeconds(30), Duration.ofSeconds(1), 4,
                        Duration.ofDays(30)),
                new MutableClock(later), new SimpleMeterRegistry());

        int delivered = 0;
        for (int round = 0; round < 5 && delivered < 200; round++) {
            delivered += delivery.deliverDue();
        }
        assertThat(accepted.stream().filter(a -> a.startsWith(run + "-")).toList()).hasSize(200).doesNotHaveDuplicates();
        assertThat(outbox.countByStatus(run + ":")).containsEntry("SENT", 200L);
        assertThat(unrecorded).isEmpty();
    }

    @Test
    void headerInjectionAndBadAddressesAreRefusedBeforeAnythingIsQueued() {
        assertThatThrownBy(() -> outbox.enqueue(new OutgoingMail("x1", "a@example.org\r\nBcc: b@example.org", "S", "T", null,
                Map.of(), "test"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> outbox.enqueue(new OutgoingMail("x2", "a@example.org", "S", "T", null,
                Map.of("List-Unsubscribe", "<x>\r\nBcc: b@example.org"), "test"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> outbox.enqueue(new OutgoingMail("x3", "Name <a@example.org>", "S", "T", null,
                Map.of(), "test"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(MailOutbox.isDeliverable("a@example.org, b@example.org")).isFalse();
        assertThat(MailOutbox.isDeliverable("kein-at")).isFalse();
        String key = "same-" + System.nanoTime();
        assertThat(outbox.enqueue(new OutgoingMail(key, "a@example.org", "Zeile\r\nBcc: x", "T", null, Map.of(), "test"))).isTrue();
        assertThat(outbox.enqueue(new OutgoingMail(key, "a@example.org", "Zweites Mal", "T", null, Map.of(), "test"))).isFalse();
    }

    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
