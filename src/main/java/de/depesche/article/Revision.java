package de.depesche.article;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One saved state of an article: who, when, what changed, and the text as it was.
 *
 * @param changes message keys of what changed, comma-separated (e.g. {@code revision.title,revision.body})
 */
public record Revision(long id, long articleId, int number, @Nullable Long editorId, String editorName,
                       Instant at, String changes, ArticleStatus status, String title,
                       @Nullable String dateline, String lead, String bodyMarkdown) {

    /** The editor name stored for what the system did on its own (scheduled publishing); shown translated. */
    static final String SYSTEM = "System";

    /** Saved by the system itself, not by a staff member: pages show {@code revision.bySystem}. */
    public boolean bySystem() {
        return editorId == null;
    }
}
