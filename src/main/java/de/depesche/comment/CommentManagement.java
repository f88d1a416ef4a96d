package de.depesche.comment;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import de.depesche.account.AuditLog;
import de.depesche.account.StaffPrincipal;
import de.depesche.article.Article;
import de.depesche.article.ArticleManagement;
import de.depesche.mail.MailOutbox;
import de.depesche.site.InvalidInput;
import de.depesche.site.SiteChanges;
import de.depesche.site.SiteSecrets;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The comment module's API: readers submit, moderators decide, everybody reads approved threads.
 * Every comment starts pending; what readers see changes only through a moderator's decision.
 */
@Service
public class CommentManagement {

    private final JdbcCommentRepository comments;
    private final ArticleManagement articles;
    private final List<SubmissionGuard> guards;
    private final CommentMails mails;
    private final SiteSecrets secrets;
    private final SiteChanges changes;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final CommentProperties properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /**
     * Texts shorter than this ("Danke!", "Sehe ich genauso.") count as duplicates only when the same author sends
     * them twice under the same article; longer ones also when they come from several readers under one article.
     */
    static final int SHORT_TEXT = 80;

    CommentManagement(JdbcCommentRepository comments, ArticleManagement articles, List<SubmissionGuard> guards,
                      CommentMails mails, SiteSecrets secrets, SiteChanges changes, AuditLog audit,
                      ApplicationEventPublisher events, CommentProperties properties, Clock clock) {
        this.comments = comments;
        this.articles = articles;
        this.guards = guards;
        this.mails = mails;
        this.secrets = secrets;
        this.changes = changes;
        this.audit = audit;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    // --- readers -----------------------------------------------------------------------------------

    /**
     * Takes a reader's comment as pending after checking it and the rules against abuse.
     *
     * @param networkAddress the reader's IP address; only its salted hash is stored
     */
    @Transactional
    public Comment submit(CommentSubmission s, String networkAddress) {
        Article article = articles.find(s.articleId()).filter(Article::isPublished)
                .orElseThrow(() -> InvalidInput.of("", "comment.article.unknown"));
        Instant now = clock.instant();
        String email = s.email().strip().toLowerCase(Locale.ROOT);
        String text = normaliseText(s.text());
        String network = secrets.networkHash(networkAddress);

        InvalidInput.Collector problems = new InvalidInput.Collector();
        String name = s.name().strip();
        if (name.isEmpty()) {
            problems.add("name", "validation.required");
        } else if (name.length() > 80) {
            problems.add("name", "validation.tooLong", 80);
        } else if (hasBadCharacters(name)) {
            problems.add("name", "validation.encoding");
        }
        if (email.isEmpty()) {
            problems.add("email", "validation.required");
        } else if (!MailOutbox.isDeliverable(email)) {
            problems.add("email", "validation.email");
        }
        if (text.isBlank()) {
            problems.add("text", "validation.required");
        } else if (text.length() > properties.maxLength()) {
            problems.add("text", "comment.text.tooLong", properties.maxLength(), text.length());
        } else if (text.strip().length() < 2) {
            problems.add("text", "comment.text.tooShort");
        } else if (hasBadCharacters(text)) {
            problems.add("text", "validation.encoding");
        }
        if (!s.consent()) {
            problems.add("consent", "comment.consent.required");
        }
        Long parentId = null;
        if (s.parentId() != null) {
            Optional<Comment> parent = comments.find(s.parentId())
                    .filter(p -> p.articleId() == article.id() && p.status() == CommentStatus.APPROVED);
            if (parent.isEmpty()) {
                problems.add("parent", "comment.parent.unknown");
            } else {
                // Two levels: an answer to an answer joins the thread of the top-level comment.
                parentId = parent.get().parentId() != null ? parent.get().parentId() : parent.get().id();
            }
        }
        problems.throwIfAny();

        for (SubmissionGuard guard : guards) {
            guard.refuse(email, network).ifPresent(key -> {
                throw InvalidInput.of("", key);
            });
        }
        Instant windowStart = now.minus(properties.window());
        // Count and insert under the keys' locks: parallel comments from one network or address cannot all
        // see the count below the limit.
        comments.lockRateLimits("network:" + network, "email:" + email);
        if (comments.countSince("network_hash", network, windowStart) >= properties.perNetwork()) {
            throw new RateLimited("comment.rate.network");
        }
        if (comments.countSince("author_email", email, windowStart) >= properties.perEmail()) {
            throw new RateLimited("comment.rate.email");
        }
        String textHash = textHash(text);
        // "Danke!" from two readers under one article is no spam; the same long text from several is.
        boolean longText = text.strip().length() >= SHORT_TEXT;
        if (comments.duplicate(textHash, longText, article.id(), email, network, now.minus(java.time.Duration.ofDays(1)))) {
            throw InvalidInput.of("text", "comment.duplicate");
        }

        long id = comments.insert(s, parentId, email, text, textHash, network, properties.consentVersion(), now);
        if (s.notifyReplies()) {
            requestReplyNotifications(email, now);
        }
        events.publishEvent(new CommentSubmitted(id, article.id(), parentId));
        return comments.find(id).orElseThrow();
    }

    /** A submission refused because too many came from the same network or address. */
    public static final class RateLimited extends InvalidInput {
        RateLimited(String key) {
            super(List.of(new Problem("", key, new Object[0])));
        }
    }

    /** The approved comments of an article as threads, oldest first. */
    public List<CommentThread> threads(long articleId) {
        return threads(findAllApproved(articleId));
    }

    /** Groups comments into threads; replies whose parent is not among them are left out. */
    public static List<CommentThread> threads(List<Comment> list) {
        Map<Long, List<Comment>> replies = new LinkedHashMap<>();
        List<Comment> roots = new ArrayList<>();
        for (Comment c : list) {
            if (c.parentId() == null) {
                roots.add(c);
                replies.putIfAbsent(c.id(), new ArrayList<>());
            } else {
                replies.computeIfAbsent(c.parentId(), k -> new ArrayList<>()).add(c);
            }
        }
        return roots.stream().map(r -> new CommentThread(r, replies.getOrDefault(r.id(), List.of()))).toList();
    }

    /**
     * The approved comments of an article as readers see them, oldest first: an approved answer whose parent
     * was rejected or deleted later is left out with it (pages, counts and the comment feed agree).
     */
    public List<Comment> findAllApproved(long articleId) {
        return comments.visibleOf(articleId);
    }

    public Optional<Comment> find(long id) {
        return comments.find(id);
    }

    public List<Comment> findAll(Collection<Long> ids) {
        return comments.findAll(ids);
    }

    public List<Comment> pending(int limit, int offset) {
        return comments.byStatus(CommentStatus.PENDING, limit, offset);
    }

    public long pendingCount() {
        return comments.count(CommentStatus.PENDING);
    }

    // --- moderators --------------------------------------------------------------------------------

    /**
     * Shows a pending (or earlier rejected) comment to everybody. Refused for a deleted comment and for an answer
     * whose parent readers no longer see (it would stay hidden, and its parent's author would be told about it).
     */
    @Transactional
    public StatusChange approve(long id, StaffPrincipal by) {
        Comment c = require(id);
        if (c.status() == CommentStatus.DELETED) {
            return StatusChange.refused(c, "comment.decision.deleted");
        }
        Optional<Comment> parent = c.parentId() == null ? Optional.empty() : comments.find(c.parentId());
        if (c.parentId() != null && parent.filter(p -> p.status() == CommentStatus.APPROVED).isEmpty()) {
            return StatusChange.refused(c, "comment.decision.parentHidden");
        }
        if (!comments.decide(id, EnumSet.of(CommentStatus.PENDING, CommentStatus.REJECTED), CommentStatus.APPROVED, null, clock.instant())) {
            return StatusChange.unchanged(require(id), c.status());
        }
        Comment approved = require(id);
        changes.record(cacheTag(c.articleId()));
        events.publishEvent(new CommentApproved(id, c.articleId(), c.parentId()));
        audit.record(by, "audit.comment.approved", "comment:" + id, "");
        parent.ifPresent(p -> notifyParentAuthor(p, approved));
        return StatusChange.changed(approved, c.status());
    }

    @Transactional
    public StatusChange reject(long id, RejectionReason reason, StaffPrincipal by) {
        Comment c = require(id);
        if (c.status() == CommentStatus.DELETED) {
            return StatusChange.refused(c, "comment.decision.deleted");
        }
        if (!comments.decide(id, EnumSet.of(CommentStatus.PENDING, CommentStatus.APPROVED), CommentStatus.REJECTED, reason, clock.instant())) {
            return StatusChange.unchanged(require(id), c.status());
        }
        if (c.status() == CommentStatus.APPROVED) {
            changes.record(cacheTag(c.articleId()));
        }
        events.publishEvent(new CommentRejected(id, c.articleId(), reason, false));
        audit.record(by, "audit.comment.rejected", "comment:" + id, reason.name());
        return StatusChange.changed(require(id), c.status());
    }

    /** Removes a comment for good (it stays as a record for the decision log), with the policy reason. */
    @Transactional
    public StatusChange delete(long id, RejectionReason reason, StaffPrincipal by) {
        Comment c = require(id);
        if (!comments.decide(id, EnumSet.of(CommentStatus.PENDING, CommentStatus.APPROVED, CommentStatus.REJECTED),
                CommentStatus.DELETED, reason, clock.instant())) {
            return StatusChange.unchanged(require(id), c.status());
        }
        changes.record(cacheTag(c.articleId()));
        events.publishEvent(new CommentRejected(id, c.articleId(), reason, true));
        audit.record(by, "audit.comment.deleted", "comment:" + id, reason.name());
        return StatusChange.changed(require(id), c.status());
    }

    /** The editors change a comment's text; readers see that it was edited. Changed: the text is different now. */
    @Transactional
    public StatusChange edit(long id, String newText, StaffPrincipal by) {
        return edit(id, null, newText, by);
    }

    /**
     * Changes the text if it still is the one the moderator started from ({@code seenText}, null: whatever it
     * is now); otherwise the edit is refused, so that nobody overwrites a colleague's edit unseen.
     */
    @Transactional
    public StatusChange edit(long id, @Nullable String seenText, String newText, StaffPrincipal by) {
        Comment c = require(id);
        if (c.status() == CommentStatus.DELETED) {
            return StatusChange.refused(c, "comment.decision.deleted");
        }
        String text = normaliseText(newText);
        if (text.isBlank()) {
            throw InvalidInput.of("text", "validation.required");
        }
        if (text.length() > properties.maxLength()) {
            throw InvalidInput.of("text", "comment.text.tooLong", properties.maxLength(), text.length());
        }
        if (hasBadCharacters(text)) {
            throw InvalidInput.of("text", "validation.encoding");
        }
        String base = seenText == null ? c.text() : normaliseText(seenText);
        if (text.equals(base)) {
            return StatusChange.unchanged(c, c.status());
        }
        if (!comments.edit(id, textHash(base), text, textHash(text), clock.instant())) {
            // Another moderator changed the text (or deleted the comment) in the meantime.
            return StatusChange.refused(require(id), "comment.decision.editedMeanwhile");
        }
        if (c.status() == CommentStatus.APPROVED) {
            changes.record(cacheTag(c.articleId()));
        }
        audit.record(by, "audit.comment.edited", "comment:" + id, c.text());
        return StatusChange.changed(require(id), c.status());
    }

    /** The cache tag of an article's comments, for pages that show them. */
    public static String cacheTag(long articleId) {
        return "comments:" + articleId;
    }

    // --- reply notifications -----------------------------------------------------------------------

    /** Outcome of a reader's click on a link from a notification mail. */
    public enum NotifyLink { CONFIRMED, STOPPED, EXPIRED, UNKNOWN }

    @Transactional
    public NotifyLink confirmReplyNotifications(String token) {
        return comments.notifyAddressByToken(token).map(a -> {
            if (a.confirmedAt() == null && a.requestedAt().plus(properties.confirmationExpiry()).isBefore(clock.instant())) {
                return NotifyLink.EXPIRED;
            }
            comments.confirmNotify(a.email(), clock.instant());
            return NotifyLink.CONFIRMED;
        }).orElse(NotifyLink.UNKNOWN);
    }

    @Transactional
    public NotifyLink stopReplyNotifications(String token) {
        return comments.notifyAddressByToken(token).map(a -> {
            comments.stopNotify(a.email(), clock.instant());
            return NotifyLink.STOPPED;
        }).orElse(NotifyLink.UNKNOWN);
    }

    /**
     * The reply notifications of an address as its owner sees them on the subscription manage page, which
     * stops and resumes them with the token (as the links in the mails do); empty when it never asked.
     */
    public Optional<ReplyNotifications> replyNotifications(String email) {
        return comments.notifyAddress(email.strip().toLowerCase(Locale.ROOT)).map(a ->
                new ReplyNotifications(a.token(), a.requestedAt(), a.confirmedAt(), a.stoppedAt()));
    }

    /** @param token the secret of the links in reply mails ({@link #stopReplyNotifications}, {@link #confirmReplyNotifications}) */
    public record ReplyNotifications(String token, Instant requestedAt, @org.jspecify.annotations.Nullable Instant confirmedAt,
                                     @org.jspecify.annotations.Nullable Instant stoppedAt) {
        public boolean active() {
            return confirmedAt != null && stoppedAt == null;
        }
    }

    private void requestReplyNotifications(String email, Instant now) {
        Optional<JdbcCommentRepository.NotifyAddress> known = comments.notifyAddress(email);
        if (known.isPresent() && known.get().active()) {
            return;
        }
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        comments.requestNotify(email, HexFormat.of().formatHex(bytes), now);
        JdbcCommentRepository.NotifyAddress address = comments.notifyAddress(email).orElseThrow();
        if (address.stoppedAt() == null || address.confirmedAt() == null) {
            mails.confirmation(address.email(), address.token(), now);
        } else {
            // Asked again after stopping: the earlier confirmation still stands.
            comments.confirmNotify(email, now);
        }
    }

    private void notifyParentAuthor(Comment parent, Comment reply) {
        if (!parent.notifyReplies() || parent.authorEmail().equals(reply.authorEmail())) {
            return;
        }
        comments.notifyAddress(parent.authorEmail()).filter(JdbcCommentRepository.NotifyAddress::active)
                .ifPresent(address -> articles.find(parent.articleId())
                        .ifPresent(article -> mails.reply(address.email(), address.token(), parent, reply, article)));
    }

    /** Case and spacing do not make a text new. */
    private String textHash(String text) {
        return secrets.hmac("comment-text", text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip());
    }

    private Comment require(long id) {
        return comments.find(id).orElseThrow(() -> InvalidInput.of("", "comment.unknown"));
    }

    /** Line breaks as \n, no trailing spaces; the text as the reader meant it. */
    static String normaliseText(String text) {
        return text.replace("\r\n", "\n").replace('\r', '\n').strip();
    }

    private static boolean hasBadCharacters(String s) {
        return s.indexOf('\uFFFD') >= 0 || s.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t')
                || s.chars().anyMatch(c -> Character.isSurrogate((char) c)) && !validSurrogates(s);
    }

    private static boolean validSurrogates(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

}
