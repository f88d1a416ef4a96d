package de.depesche.moderation.web;

import java.util.List;

import de.depesche.moderation.assistant.ArticleContext;
import de.depesche.moderation.assistant.Assessment;
import de.depesche.moderation.assistant.ModerationAssistant;
import de.depesche.moderation.assistant.Score;
import de.depesche.site.InvalidInput;
import de.depesche.site.JsonApi;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The moderation assistant for other systems: scores a comment against the policy, with the reasons and
 * the configured thresholds applied. It only assesses: nothing is stored, published or deleted.
 */
@RestController
@JsonApi
@RequestMapping("/api/v1/moderation")
class ModerationApiController {

    static final int MAX_COMMENT = 20_000;
    static final int MAX_TITLE = 1_000;
    static final int MAX_ARTICLE_TEXT = 200_000;
    static final int MAX_THREAD = 50;

    private final ModerationAssistant assistant;

    ModerationApiController(ModerationAssistant assistant) {
        this.assistant = assistant;
    }

    record ArticleRequest(@Nullable String title, @Nullable String text) {}

    /**
     * @param thread optional: the texts of the parent and sibling comments, nearest first (at most 50 are compared)
     */
    record AssessRequest(@Nullable ArticleRequest article, @Nullable String comment, @Nullable List<@Nullable String> thread) {}

    record ScoreJson(double score, boolean flagged, List<String> because) {
        static ScoreJson of(Score s) {
            return new ScoreJson(s.score(), s.flagged(), s.because());
        }
    }

    record AssessmentJson(ScoreJson offTopic, ScoreJson demeaning, ScoreJson spam) {}

    @PostMapping(value = "/assess", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('ADMIN', 'EDITOR', 'AUTHOR', 'MODERATOR')")
    AssessmentJson assess(@RequestBody AssessRequest request) {
        InvalidInput.Collector problems = new InvalidInput.Collector();
        String comment = request.comment();
        if (comment == null || comment.isBlank()) {
            problems.add("comment", "validation.required");
        } else if (comment.length() > MAX_COMMENT) {
            problems.add("comment", "validation.tooLong", MAX_COMMENT);
        }
        ArticleRequest article = request.article();
        String title = article == null || article.title() == null ? "" : article.title();
        String text = article == null || article.text() == null ? "" : article.text();
        if (title.isBlank() && text.isBlank()) {
            problems.add("article", "validation.required");
        }
        if (title.length() > MAX_TITLE) {
            problems.add("title", "validation.tooLong", MAX_TITLE);
        }
        if (text.length() > MAX_ARTICLE_TEXT) {
            problems.add("text", "validation.tooLong", MAX_ARTICLE_TEXT);
        }
        List<String> thread = request.thread() == null ? List.of() : request.thread().stream()
                .limit(MAX_THREAD)
                .map(t -> t == null ? "" : t)
                .toList();
        if (thread.stream().anyMatch(t -> t.length() > MAX_COMMENT)) {
            problems.add("thread", "validation.tooLong", MAX_COMMENT);
        }
        problems.throwIfAny();
        Assessment a = assistant.assess(new ArticleContext(title, text), thread, comment);
        return new AssessmentJson(ScoreJson.of(a.offTopic()), ScoreJson.of(a.demeaning()), ScoreJson.of(a.spam()));
    }
}
