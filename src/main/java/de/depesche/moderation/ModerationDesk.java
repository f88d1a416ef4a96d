package de.depesche.moderation;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import de.depesche.account.StaffPrincipal;
import de.depesche.article.Article;
import de.depesche.article.ArticleManagement;
import de.depesche.comment.Comment;
import de.depesche.comment.CommentManagement;
import de.depesche.comment.CommentStatus;
import de.depesche.comment.RejectionReason;
import de.depesche.comment.StatusChange;
import de.depesche.site.InvalidInput;
import de.depesche.site.SiteSecrets;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The moderators' desk: the queue of pending comments sorted by the assistant's risk, and every
 * decision on them. The assistant only orders and explains; every decision is a person's, and logged.
 */
@Service
public class ModerationDesk {

    private final JdbcModerationRepository repository;
    private final CommentManagement comments;
    private final ArticleManagement articles;
    private final SiteSecrets secrets;
    private final AssistantThresholds thresholds;
    private final Clock clock;

    ModerationDesk(JdbcModerationRepository repository, CommentManagement comments, ArticleManagement articles,
                   SiteSecrets secrets, AssistantThresholds thresholds, Clock clock) {
        this.repository = repository;
        this.comments = comments;
        this.articles = articles;
        this.secrets = secrets;
        this.thresholds = thresholds;
        this.clock = clock;
    }

    /**
     * The waiting comments, flagged and ordered by their stored scores under the thresholds configured now.
     *
     * @param label only comments flagged for this label, or null for every pending comment
     */
    public List<QueueItem> queue(RiskAssessment.@Nullable Label label, boolean oldestFirst, int limit, int offset) {
        List<JdbcModerationRepository.Queued> queued = repository.pending(label, oldestFirst, limit, offset, thresholds);
        Map<Long, Comment> byId = comments.findAll(queued.stream().map(JdbcModerationRepository.Queued::commentId).toList())
                .stream().collect(Collectors.toMap(Comment::id, Function.identity()));
        Map<Long, Optional<Article>> articleCache = new java.util.HashMap<>();
        List<QueueItem> items = new ArrayList<>();
        for (JdbcModerationRepository.Queued q : queued) {
            Comment c = byId.get(q.commentId());
            if (c == null || c.status() != CommentStatus.PENDING) {
                continue;
            }
            Optional<Article> article = articleCache.computeIfAbsent(c.articleId(), articles::find);
            items.add(new QueueItem(c, article.map(Article::title).orElse("–"), article.map(Article::path).orElse("/"),
                    q.assessment()));
        }
        return items;
    }

    public long pendingCount(RiskAssessment.@Nullable Label label) {
        return repository.pendingCount(label, thresholds);
    }

    public Optional<QueueItem> item(long commentId) {
        return comments.find(commentId).map(c -> {
            Optional<Article> article = articles.find(c.articleId());
            return new QueueItem(c, article.map(Article::title).orElse("–"), article.map(Article::path).orElse("/"),
                    repository.assessment(commentId, thresholds).orElse(RiskAssessment.none()));
        });
    }

    /**
     * What a batch of decisions did: how many comments it changed, how many another moderator had decided the
     * same way already (nothing logged for them), and the message keys of decisions that were refused.
     */
    public record Outcome(int done, int alreadyDecided, Set<String> refusals) {

        public Outcome {
            refusals = Set.copyOf(refusals);
        }

        static Outcome of(List<StatusChange> changes) {
            Set<String> refusals = new LinkedHashSet<>();
            int done = 0;
            int already = 0;
            for (StatusChange c : changes) {
                if (c.changed()) {
                    done++;
                } else if (c.refused()) {
                    refusals.add(c.refusal());
                } else {
                    already++;
                }
            }
            return new Outcome(done, already, refusals);
        }
    }

    @Transactional
    public Outcome approve(Collection<Long> ids, StaffPrincipal by) {
        List<StatusChange> changes = new ArrayList<>();
        for (long id : ids) {
            StatusChange change = comments.approve(id, by);
            if (change.changed()) {
                log(change.comment(), by, "APPROVED", null, null, null);
            }
            changes.add(change);
        }
        return Outcome.of(changes);
    }

    @Transactional
    public Outcome reject(Collection<Long> ids, RejectionReason reason, StaffPrincipal by) {
        List<StatusChange> changes = new ArrayList<>();
        for (long id : ids) {
            StatusChange change = comments.reject(id, reason, by);
            if (change.changed()) {
                log(change.comment(), by, "REJECTED", reason.name(), null, null);
            }
            changes.add(change);
        }
        return Outcome.of(changes);
    }

    @Transactional
    public Outcome delete(Collection<Long> ids, RejectionReason reason, StaffPrincipal by) {
        List<StatusChange> changes = new ArrayList<>();
        for (long id : ids) {
            StatusChange change = comments.delete(id, reason, by);
            if (change.changed()) {
                log(change.comment(), by, "DELETED", reason.name(), change.comment().text(), null);
            }
            changes.add(change);
        }
        return Outcome.of(changes);
    }

    /**
     * Changes the text (readers see an "edited" note) and optionally approves it in the same step: both happen
     * or neither (a refused approval, e.g. under a hidden parent, keeps the old text too).
     */
    @Transactional
    public Comment edit(long id, String text, boolean approve, StaffPrincipal by) {
        return edit(id, null, text, approve, by);
    }

    /** @param seenText the text the moderator started from; a colleague's change since then refuses the edit */
    @Transactional
    public Comment edit(long id, @Nullable String seenText, String text, boolean approve, StaffPrincipal by) {
        Comment before = require(id);
        StatusChange edited = comments.edit(id, seenText, text, by);
        if (edited.refused()) {
            throw InvalidInput.of("", edited.refusal());
        }
        if (edited.changed()) {
            log(before, by, "EDITED", null, before.text(), edited.comment().text());
        }
        if (approve) {
            Outcome approved = approve(List.of(id), by);
            if (!approved.refusals().isEmpty()) {
                throw InvalidInput.of("", approved.refusals().iterator().next());
            }
        }
        return comments.find(id).orElseThrow();
    }

    /**
     * Refuses further comments from the author's address or network, and rejects the comment with the reason
     * (if readers can still see it or it is waiting).
     */
    @Transactional
    public Outcome ban(Collection<Long> commentIds, BanKind kind, RejectionReason reason, StaffPrincipal by) {
        List<StatusChange> changes = new ArrayList<>();
        for (long commentId : commentIds) {
            Comment c = require(commentId);
            String target = kind == BanKind.EMAIL ? BanGuard.emailKey(secrets, c.authorEmail()) : c.networkHash();
            String label = kind == BanKind.EMAIL ? new QueueItem(c, "", "", RiskAssessment.none()).maskedEmail()
                    : c.networkHash().substring(0, 8) + "…";
            boolean banned = repository.ban(kind, target, label, reason.name(), by.id(), by.displayName(), clock.instant());
            if (banned) {
                log(c, by, "BANNED_" + kind.name(), reason.name(), null, null);
            }
            boolean rejected = false;
            if (c.status() == CommentStatus.PENDING || c.status() == CommentStatus.APPROVED) {
                StatusChange change = comments.reject(commentId, reason, by);
                if (change.changed()) {
                    log(change.comment(), by, "REJECTED", reason.name(), null, null);
                    rejected = true;
                }
            }
            changes.add(new StatusChange(c, c.status(), banned || rejected, null));
        }
        return Outcome.of(changes);
    }

    @Transactional
    public void liftBan(long banId, StaffPrincipal by) {
        if (!repository.lift(banId, clock.instant())) {
            throw InvalidInput.of("", "moderation.ban.unknown");
        }
    }

    /** Whether this staff member gets the "comments waiting" reminder mail. */
    public boolean remindersOn(StaffPrincipal who) {
        return !repository.remindersOff().contains(who.id());
    }

    /** Each staff member decides for themselves whether the reminder mail comes. */
    @Transactional
    public void reminders(StaffPrincipal who, boolean on) {
        repository.reminders(who.id(), on, clock.instant());
    }

    public List<Ban> bans() {
        return repository.bans();
    }

    public List<Decision> decisions(int limit, int offset) {
        return repository.decisions(limit, offset);
    }

    public List<Decision> decisionsFor(long commentId) {
        return repository.decisionsFor(commentId);
    }

    /** Decisions of the last days by kind, for the newsroom dashboard. */
    public Map<String, Long> decisionCounts(Duration period) {
        return repository.decisionCountsSince(clock.instant().minus(period));
    }

    private void log(Comment c, StaffPrincipal by, String action, @Nullable String reason, @Nullable String before,
                     @Nullable String after) {
        repository.decision(c.id(), c.articleId(), by.id(), by.displayName(), clock.instant(), action, reason, before, after);
    }

    private Comment require(long id) {
        return comments.find(id).orElseThrow(() -> InvalidInput.of("", "comment.unknown"));
    }
}
