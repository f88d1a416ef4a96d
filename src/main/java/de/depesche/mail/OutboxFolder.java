package de.depesche.mail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

import de.depesche.site.SiteProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The folder {@code outbox/} in the data directory, where mails become {@code mail-<id>.eml} files when
 * no SMTP server is configured. Erasing an address and the retention clean-up remove the files of the
 * mails they remove, so that no copy outlives the outbox row.
 */
@Component
class OutboxFolder {

    private static final Logger log = LoggerFactory.getLogger(OutboxFolder.class);

    private final Path directory;

    OutboxFolder(SiteProperties site) {
        this.directory = site.dataDir().resolve("outbox");
    }

    Path directory() {
        return directory;
    }

    Path file(long mailId) {
        return directory.resolve("mail-" + mailId + ".eml");
    }

    /** Deletes the files of these mails where there are any; returns how many were deleted. */
    int delete(Collection<Long> mailIds) {
        int deleted = 0;
        for (long id : mailIds) {
            try {
                if (Files.deleteIfExists(file(id))) {
                    deleted++;
                }
            } catch (IOException e) {
                log.warn("Could not delete the mail file {}: {}", file(id), e.toString());
            }
        }
        return deleted;
    }
}
