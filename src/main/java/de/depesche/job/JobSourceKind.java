package de.depesche.job;

/**
 * Where a job or an import came from. Stored as a kind, not as words, so that pages name it in the
 * reader's language; only a feed source's name (or the name an API client gave) is kept as text.
 */
public enum JobSourceKind {
    /** Entered by hand in the newsroom. */
    NEWSROOM,
    /** A feed source the admin configured, fetched on schedule or by "import now". */
    FEED,
    /** Pushed through {@code POST /api/v1/jobs/import}. */
    API,
    /** A feed file uploaded in the newsroom. */
    UPLOAD;

    /**
     * The message key that names it; with a name (a feed source's, an API client's, a file's) as
     * argument {0}.
     */
    public String messageKey(String name) {
        return switch (this) {
            case NEWSROOM -> "job.source.NEWSROOM";
            case FEED -> "job.source.FEED";
            case API -> name.isBlank() ? "job.source.API" : "job.source.API.named";
            case UPLOAD -> "job.source.UPLOAD";
        };
    }

    /** The message key that names an import's origin in the newsroom's reports; the name as {0}. */
    public String reportMessageKey(String name) {
        return switch (this) {
            case NEWSROOM, FEED -> "jobs.report.source.FEED";
            case API -> name.isBlank() ? "jobs.report.source.API" : "jobs.report.source.API.named";
            case UPLOAD -> name.isBlank() ? "jobs.report.source.UPLOAD" : "jobs.report.source.UPLOAD.named";
        };
    }
}
