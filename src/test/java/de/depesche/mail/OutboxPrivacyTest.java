package de.depesche.mail;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import de.depesche.support.IntegrationTest;
import de.depesche.support.StaffSession;
import de.depesche.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the outbox keeps about people: the .eml files written without SMTP, forgetting an address on
 * request (DSGVO), and the retention period after which sent mails go.
 */
class OutboxPrivacyTest extends IntegrationTest {

    @Autowired
    JdbcMailRepository repository;

    @Autowired
    MailOutbox outbox;

    @Autowired
    OutboxFolder folder;

    @Autowired
    MailRetention retention;

    @Autowired
    JdbcClient jdbc;

    /** Mails of this run, queued an hour ahead so that the running delivery leaves them to the test. */
    private final Instant later = Instant.now().plusSeconds(3600);

    private MailDelivery delivery(MailTransport transport) {
        return new MailDelivery(repository, transport,
                new MailProperties("Test <t@test.depesche.local>", 50, 3, Duration.ofSeconds(30), Duration.ofSeconds(1), 2,
                        Duration.ofDays(30)),
                new MailDeliveryTest.MutableClock(later), new SimpleMeterRegistry());
    }

    private List<JdbcMailRepository.Due> due(String keyPrefix) {
        // a second later: the database may round the stored time up
        return repository.due(later.plusSeconds(1), 10_000).stream().filter(d -> d.key().startsWith(keyPrefix)).toList();
    }

    private long queue(String key, String to, String subject) {
        repository.insert(key, "test", to, subject, "Hallo " + to, "<p>Hallo</p>", "", later);
        return due(key).getFirst().id();
    }

    @Test
    void withoutAnSmtpHostMailsBecomeEmlFilesThatTheNewsroomLists() throws Exception {
        MailTransport transport = new MailConfiguration().mailTransport(
                new StaticListableBeanFactory().getBeanProvider(JavaMailSender.class), folder, "", 25);
        assertThat(transport).isInstanceOf(FileTransport.class);
        assertThat(transport.describe()).contains(folder.directory().toAbsolutePath().toString());

        String run = "eml-" + System.nanoTime();
        long id = queue(run + ":1", run + "@example.org", "Als Datei " + run);
        assertThat(delivery(transport).deliver(due(run))).isEqualTo(1);

        Path file = folder.file(id);
        assertThat(file).exists();
        MimeMessage read;
        try (InputStream in = Files.newInputStream(file)) {
            read = new MimeMessage(Session.getInstance(new java.util.Properties()), in);
        }
        assertThat(read.getSubject()).isEqualTo("Als Datei " + run);
        assertThat(read.getAllRecipients()[0].toString()).isEqualTo(run + "@example.org");
        assertThat(read.getMessageID()).isEqualTo(outbox.find(id).orElseThrow().messageId());
        assertThat(outbox.find(id).orElseThrow().status()).isEqualTo("SENT");

        StaffSession admin = StaffSession.signedIn(port, TestDatabase.ADMIN_EMAIL, TestDatabase.ADMIN_PASSWORD);
        var page = admin.page("/admin/mail");
        assertThat(page.select("tbody tr").text()).contains("Als Datei " + run, run + "@example.org", "versendet");
    }

    @Test
    void forgettingAnAddressDropsWaitingMailsEmptiesSentOnesAndDeletesTheirFiles() throws Exception {
        String run = "forget-" + System.nanoTime();
        String person = run + "@example.org";
        String other = run + "-other@example.org";
        // The key of a confirmation mail names the address (as the comment module's does).
        long sent = queue("confirm:" + person + ":1", person, "Bitte bestätigen");
        assertThat(delivery(new FileTransport(folder)).deliver(due("confirm:" + person))).isEqualTo(1);
        long waiting = queue(run + ":waiting", person.toUpperCase(), "Wartet noch");
        long others = queue(run + ":other", other, "Für jemand anderen");
        assertThat(folder.file(sent)).exists();

        assertThat(outbox.mailsTo(person)).extracting(QueuedMail::id).containsExactly(sent, waiting);
        assertThat(outbox.forget(" " + person + " ")).isEqualTo(2);

        assertThat(outbox.find(waiting)).as("the waiting mail is gone").isEmpty();
        QueuedMail emptied = outbox.find(sent).orElseThrow();
        assertThat(emptied.to()).isEqualTo(MailOutbox.ERASED_ADDRESS);
        assertThat(emptied.subject()).isEmpty();
        assertThat(emptied.status()).isEqualTo("SENT");
        assertThat(outbox.text(sent)).contains("");
        assertThat(jdbc.sql("select idempotency_key from mail_outbox where id = :id").param("id", sent).query(String.class).single())
                .isEqualTo("erased:" + sent);
        assertThat(folder.file(sent)).as("the .eml file").doesNotExist();
        assertThat(outbox.mailsTo(person)).isEmpty();

        // Delivery goes on for everybody else, and nothing reaches the forgotten address.
        List<String> accepted = new ArrayList<>();
        MailTransport recording = new MailTransport() {
            @Override
            public Connection open() {
                return new Connection() {
                    @Override
                    public void send(MimeMessage message) throws MessagingException {
                        accepted.add(message.getAllRecipients()[0].toString());
                    }

                    @Override
                    public void close() {
                    }
                };
            }

            @Override
            public String describe() {
                return "recording";
            }
        };
        delivery(recording).deliver(due(run));
        assertThat(accepted).containsExactly(other);
        assertThat(outbox.find(others).orElseThrow().status()).isEqualTo("SENT");
    }

    @Test
    void sentAndGivenUpMailsGoAfterTheRetentionPeriodWaitingOnesStay() {
        String run = "old-" + System.nanoTime();
        long oldSent = queue(run + ":sent", run + "@example.org", "Alt und versendet");
        long oldFailed = queue(run + ":failed", run + "@example.org", "Alt und aufgegeben");
        long oldWaiting = queue(run + ":waiting", run + "@example.org", "Alt und wartet");
        long recent = queue(run + ":recent", run + "@example.org", "Neu und versendet");
        assertThat(delivery(new FileTransport(folder)).deliver(due(run + ":sent"))).isEqualTo(1);
        assertThat(delivery(new FileTransport(folder)).deliver(due(run + ":recent"))).isEqualTo(1);
        repository.failed(oldFailed, "550 no such user", later, true);
        jdbc.sql("update mail_outbox set created_at = :old where id in (:ids)")
                .param("old", Timestamp.from(Instant.now().minus(Duration.ofDays(31))))
                .param("ids", List.of(oldSent, oldFailed, oldWaiting)).update();
        assertThat(folder.file(oldSent)).exists();

        assertThat(retention.deleteExpired()).isGreaterThanOrEqualTo(2);

        assertThat(outbox.find(oldSent)).isEmpty();
        assertThat(outbox.find(oldFailed)).isEmpty();
        assertThat(folder.file(oldSent)).doesNotExist();
        assertThat(outbox.find(oldWaiting)).as("a mail that still waits is never dropped by age").isPresent();
        assertThat(outbox.find(recent)).isPresent();
        assertThat(folder.file(recent)).exists();
    }

    @Test
    void theNewsroomsDataRequestShowsAndErasesTheMailsToAnAddress() {
        String run = "request-" + System.nanoTime();
        String person = run + "@example.org";
        long waiting = queue(run + ":1", person, "Ihre Bestellung " + run);

        StaffSession admin = StaffSession.signedIn(port, TestDatabase.ADMIN_EMAIL, TestDatabase.ADMIN_PASSWORD);
        var page = admin.page("/admin/datenschutz?email=" + person);
        assertThat(page.select(".panel h2").eachText()).contains("E-Mails an diese Adresse");
        assertThat(page.select(".panel").text()).contains("Ihre Bestellung " + run);

        var erased = admin.post("/admin/datenschutz/loeschen", Map.of("email", person, "sure", "true"));
        assertThat(admin.follow(erased).select(".notice").text()).startsWith("Gelöscht oder anonymisiert");
        assertThat(outbox.find(waiting)).isEmpty();
        assertThat(admin.page("/admin/datenschutz?email=" + person).text()).contains("Zu dieser Adresse ist nichts gespeichert.");
    }
}
