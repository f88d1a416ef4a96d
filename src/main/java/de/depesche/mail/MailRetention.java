package de.depesche.mail;

import java.time.Clock;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Deletes sent and given-up mails, and their .eml files, once they are older than
 * {@code depesche.mail.retention}: the outbox holds addresses and whole texts, which are kept no
 * longer than the newsroom needs them to answer "did that mail go out?". Waiting mails are never
 * deleted here, however old.
 */
@Component
class MailRetention {

    private static final Logger log = LoggerFactory.getLogger(MailRetention.class);
    private static final int BATCH = 1_000;

    private final JdbcMailRepository mails;
    private final OutboxFolder folder;
    private final MailProperties properties;
    private final Clock clock;

    MailRetention(JdbcMailRepository mails, OutboxFolder folder, MailProperties properties, Clock clock) {
        this.mails = mails;
        this.folder = folder;
        this.properties = properties;
        this.clock = clock;
    }

    /** @return how many mails were deleted */
    int deleteExpired() {
        if (properties.retention().isZero()) {
            return 0;
        }
        java.time.Instant before = clock.instant().minus(properties.retention());
        int deleted = 0;
        while (true) {
            List<Long> ids = mails.expired(before, BATCH);
            if (ids.isEmpty()) {
                break;
            }
            deleted += mails.delete(ids);
            folder.delete(ids);
            if (ids.size() < BATCH) {
                break;
            }
        }
        if (deleted > 0) {
            log.info("Deleted {} sent or given-up mails older than {}", deleted, properties.retention());
        }
        return deleted;
    }
}
