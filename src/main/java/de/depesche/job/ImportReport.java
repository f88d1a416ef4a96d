package de.depesche.job;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What one import run did: new jobs, jobs updated in place, duplicates (already known unchanged, or
 * the same job again in the feed), jobs it ended and rejected entries with their reason.
 *
 * @param sourceKind where the feed came from; with {@code source}, the source's (or file's, or API client's) name
 * @param ended      known jobs the run took off the board: the feed gave them an end date in the past, or
 *                   (full feeds of a configured source) no longer listed them
 * @param failure    why the feed as a whole could not be read to its end (too large, malformed, timeout), or null
 */
public record ImportReport(long id, @Nullable Long sourceId, JobSourceKind sourceKind, String source, Instant startedAt,
                           int created, int updated, int duplicates, int ended, List<Rejection> rejected,
                           @Nullable Reason failure) {

    public ImportReport {
        rejected = List.copyOf(rejected);
    }

    /** A reason as a message key with its arguments, shown in the reader's language. */
    public record Reason(String messageKey, List<String> args) {
        public Reason {
            args = List.copyOf(args);
        }

        /**
         * The arguments for the message: whole numbers as numbers, since messages format limits with
         * {@code {0,number,#}} and a text there fails the whole report page.
         */
        public Object[] argArray() {
            return args.stream().map(a -> a.matches("-?\\d{1,18}") ? (Object) Long.valueOf(a) : a).toArray();
        }
    }

    /** @param position the entry's position in the feed, from 1; @param label its title as far as known */
    public record Rejection(int position, String label, Reason reason) {}

    /** The message key that names where the feed came from, with {@link #source()} as argument. */
    public String sourceMessageKey() {
        return sourceKind.reportMessageKey(source);
    }

    public boolean failed() {
        return failure != null;
    }
}
