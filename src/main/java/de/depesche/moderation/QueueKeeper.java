package de.depesche.moderation;

import java.util.ArrayList;
import java.util.List;

import de.depesche.article.Article;
import de.depesche.article.ArticleManagement;
import de.depesche.comment.Comment;
import de.depesche.comment.CommentApproved;
import de.depesche.comment.CommentManagement;
import de.depesche.comment.CommentRejected;
import de.depesche.comment.CommentSubmitted;
import de.depesche.comment.CommentThread;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the moderation queue in step with the comments: a new comment is assessed and queued, a
 * decided one leaves the queue. Runs after the comment's transaction, retried until it succeeds.
 */
@Component
class QueueKeeper {

    private final JdbcModerationRepository repository;
    private final CommentManagement comments;
    private final ArticleManagement articles;
    private final CommentAssessor assessor;

    QueueKeeper(JdbcModerationRepository repository, CommentManagement comments, ArticleManagement articles,
                CommentAssessor assessor) {
        this.repository = repository;
        this.comments = comments;
        this.articles = articles;
        this.assessor = assessor;
    }

    @ApplicationModuleListener
    void on(CommentSubmitted event) {
        Comment comment = comments.find(event.commentId()).orElse(null);
        if (comment == null || comment.status() != de.depesche.comment.CommentStatus.PENDING) {
            return;
        }
        Article article = articles.find(event.articleId()).orElse(null);
        RiskAssessment assessment = article == null ? RiskAssessment.none()
                : assessor.assess(article.title(), article.lead() + "\n\n" + article.bodyMarkdown(), thread(comment), comment.text());
        repository.enqueue(comment.id(), comment.articleId(), comment.createdAt(), assessment);
    }

    @ApplicationModuleListener
    void on(CommentApproved event) {
        repository.decided(event.commentId());
    }

    @ApplicationModuleListener
    void on(CommentRejected event) {
        repository.decided(event.commentId());
    }

    /** The decision log keeps texts before and after edits; an erased comment takes them along. */
    @ApplicationModuleListener
    void on(de.depesche.comment.CommentErased event) {
        repository.decided(event.commentId());
        repository.forgetTexts(event.commentId());
    }

    /** The texts a comment answers: its parent and the parent's other approved replies. */
    private List<String> thread(Comment comment) {
        if (comment.parentId() == null) {
            return List.of();
        }
        List<String> texts = new ArrayList<>();
        for (CommentThread t : comments.threads(comment.articleId())) {
            if (t.comment().id() == comment.parentId()) {
                texts.add(t.comment().text());
                t.replies().forEach(r -> texts.add(r.text()));
            }
        }
        return texts;
    }
}
