package de.depesche.job;

import java.util.List;

/** A feed that cannot be read to its end: too large, malformed, badly encoded, unreachable, too slow. */
class FeedProblem extends RuntimeException {

    private final ImportReport.Reason reason;

    FeedProblem(String messageKey, String... args) {
        super(messageKey + List.of(args), null, false, false);
        this.reason = new ImportReport.Reason(messageKey, List.of(args));
    }

    ImportReport.Reason reason() {
        return reason;
    }

    boolean tooLarge() {
        return reason.messageKey().equals("job.feed.tooLarge");
    }
}
