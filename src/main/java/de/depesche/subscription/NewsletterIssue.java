package de.depesche.subscription;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One newsletter sent (or being sent): which articles, to how many, how far along.
 *
 * @param status PLANNED, SENDING (mails being queued) or QUEUED (every mail is in the outbox)
 * @param queued    mails put into the outbox so far
 * @param createdBy the editor who sent it, or {@link #BY_SCHEDULE}
 */
public record NewsletterIssue(long id, String frequency, String subject, List<Long> articleIds, String status,
                              Instant createdAt, @Nullable Instant startedAt, @Nullable Instant finishedAt,
                              int recipients, int queued, String createdBy) {

    /** {@link #createdBy} of an issue the schedule sent (shown in the newsroom's language). */
    public static final String BY_SCHEDULE = "";

    public boolean bySchedule() {
        return createdBy.equals(BY_SCHEDULE);
    }

    public NewsletterIssue {
        articleIds = List.copyOf(articleIds);
    }

    public int percentQueued() {
        return recipients == 0 ? 100 : (int) Math.min(100, queued * 100L / recipients);
    }
}
