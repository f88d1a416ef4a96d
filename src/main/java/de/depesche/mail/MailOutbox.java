package de.depesche.mail;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The mail module's API. A mail is queued in the caller's transaction: it is sent if and only if the
 * change that caused it commits, and a key is queued once only, so a retried reaction cannot send
 * the same mail twice.
 */
@Service
public class MailOutbox {

    static final int SUBJECT_MAX = 250;

    /** What erased mails are addressed to afterwards. */
    static final String ERASED_ADDRESS = "erased@invalid";

    private final JdbcMailRepository mails;
    private final MailTransport transport;
    private final OutboxFolder folder;
    private final Clock clock;

    MailOutbox(JdbcMailRepository mails, MailTransport transport, OutboxFolder folder, Clock clock) {
        this.mails = mails;
        this.transport = transport;
        this.folder = folder;
        this.clock = clock;
    }

    /** Where mails go: an SMTP server or the outbox folder. */
    public String transport() {
        return transport.describe();
    }

    /**
     * @return false when a mail with this idempotency key was queued before (nothing is queued then)
     * @throws IllegalArgumentException for an address or header that could inject further headers
     */
    @Transactional
    public boolean enqueue(OutgoingMail mail) {
        return mails.insert(row(mail), clock.instant());
    }

    /**
     * Queues many mails with one statement sent in a batch (a newsletter chunk, a round of news mails);
     * otherwise the same as {@link #enqueue} for each of them.
     *
     * @return how many were queued (mails whose key was queued before are left out)
     * @throws IllegalArgumentException for an address or header that could inject further headers; nothing is queued then
     */
    @Transactional
    public int enqueueAll(List<OutgoingMail> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        return mails.insertAll(batch.stream().map(MailOutbox::row).toList(), clock.instant());
    }

    private static JdbcMailRepository.NewRow row(OutgoingMail mail) {
        String to = requireAddress(mail.to());
        String subject = singleLine(mail.subject());
        mail.headers().forEach((name, value) -> {
            if (!name.matches("[A-Za-z][A-Za-z0-9-]{0,60}") || value.contains("\r") || value.contains("\n")) {
                throw new IllegalArgumentException("header that could inject others: " + name);
            }
        });
        return new JdbcMailRepository.NewRow(mail.idempotencyKey(), mail.kind(), to,
                subject.length() > SUBJECT_MAX ? subject.substring(0, SUBJECT_MAX) : subject,
                mail.text(), mail.html(), encodeHeaders(mail.headers()));
    }

    public List<QueuedMail> recent(int limit, int offset) {
        return mails.recent(limit, offset);
    }

    public java.util.Optional<QueuedMail> find(long id) {
        return mails.find(id);
    }

    public java.util.Optional<String> text(long id) {
        return mails.text(id);
    }

    public Map<String, Long> countByStatus() {
        return mails.countByStatus();
    }

    /** How many mails whose key starts with this prefix are in each status (e.g. one newsletter issue). */
    public Map<String, Long> countByStatus(String keyPrefix) {
        return mails.countByStatus(keyPrefix);
    }

    /**
     * Forgets an address (DSGVO Art. 17): mails to it that still wait are not sent, stored mails that were
     * sent or given up keep no address, subject, text or headers, and their .eml files are deleted. A mail
     * that is on the wire at this moment may still arrive.
     *
     * @return how many outbox rows were dropped or emptied
     */
    @Transactional
    public int forget(String address) {
        String a = address.strip();
        List<Long> ids = mails.to(a).stream().map(QueuedMail::id).toList();
        if (ids.isEmpty()) {
            return 0;
        }
        int changed = mails.deleteWaitingTo(a) + mails.redactTo(a, ERASED_ADDRESS);
        afterCommit(() -> folder.delete(ids));
        return changed;
    }

    /** Every stored mail to an address, for a data export (without texts: they are ours, the address is theirs). */
    public List<QueuedMail> mailsTo(String address) {
        return mails.to(address.strip());
    }

    public boolean isQueued(String idempotencyKey) {
        return mails.exists(idempotencyKey);
    }

    /** Whether a string is an e-mail address we can send to (one address, no display name, no line breaks). */
    public static boolean isDeliverable(String address) {
        try {
            requireAddress(address);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String requireAddress(String address) {
        String a = address.strip();
        if (a.isEmpty() || a.length() > 254 || a.chars().anyMatch(c -> c < 0x21 || c == 0x7f || c == '<' || c == '>' || c == ',')) {
            throw new IllegalArgumentException("not a single deliverable address");
        }
        try {
            InternetAddress parsed = new InternetAddress(a, true);
            parsed.validate();
            if (!parsed.getAddress().equals(a) || !a.contains("@") || a.indexOf('@') != a.lastIndexOf('@')) {
                throw new IllegalArgumentException("not a single deliverable address");
            }
        } catch (AddressException e) {
            throw new IllegalArgumentException("not a deliverable address", e);
        }
        return a;
    }

    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }

    static String singleLine(String s) {
        return s.replaceAll("[\\r\\n\\t]+", " ").strip();
    }

    static String encodeHeaders(Map<String, String> headers) {
        StringBuilder sb = new StringBuilder();
        headers.forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
        return sb.toString();
    }
}
