package de.depesche.comment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class JdbcCommentRepository {

    private static final String COLUMNS = """
            id, article_id, parent_id, author_name, author_email, body, status, notify_replies, network_hash,
            created_at, decided_at, edited_at, rejection_reason""";

    private final JdbcClient jdbc;

    JdbcCommentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(CommentSubmission s, @Nullable Long parentId, String email, String text, String textHash,
                String networkHash, String consentVersion, Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into comment (article_id, parent_id, author_name, author_email, body, text_hash, status,
                                             notify_replies, network_hash, consent_version, created_at)
                        values (:article, :parent, :name, :email, :body, :hash, 'PENDING', :notify, :network, :consent, :now)
                        """)
                .param("article", s.articleId()).param("parent", parentId).param("name", s.name().strip())
                .param("email", email).param("body", text).param("hash", textHash).param("notify", s.notifyReplies())
                .param("network", networkHash).param("consent", consentVersion).param("now", Timestamp.from(now))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    Optional<Comment> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from comment where id = :id").param("id", id)
                .query(JdbcCommentRepository::comment).optional();
    }

    List<Comment> findAll(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from comment where id in (:ids) order by created_at, id")
                .param("ids", ids).query(JdbcCommentRepository::comment).list();
    }

    /** The approved comments readers see: an approved answer under a comment that is no longer shown is hidden too. */
    List<Comment> visibleOf(long articleId) {
        return jdbc.sql("select " + COLUMNS + """
                         from comment
                        where article_id = :article and status = 'APPROVED'
                          and (parent_id is null
                               or parent_id in (select p.id from comment p where p.article_id = :article and p.status = 'APPROVED'))
                        order by created_at, id
                        """)
                .param("article", articleId).query(JdbcCommentRepository::comment).list();
    }

    List<Comment> byStatus(CommentStatus status, int limit, int offset) {
        return jdbc.sql("select " + COLUMNS + " from comment where status = :status order by created_at, id limit :limit offset :offset")
                .param("status", status.name()).param("limit", limit).param("offset", offset)
                .query(JdbcCommentRepository::comment).list();
    }

    long count(CommentStatus status) {
        return jdbc.sql("select count(*) from comment where status = :status").param("status", status.name())
                .query(Long.class).single();
    }

    /** Rows of comment_rate_lock (V45). */
    static final int RATE_LOCK_STRIPES = 64;

    /**
     * Holds, until the transaction ends, the lock rows of these limit keys (in a fixed order, so that two
     * submissions cannot wait for each other): submissions that share a key count and insert one after the other.
     */
    void lockRateLimits(String... keys) {
        java.util.stream.Stream.of(keys).mapToInt(k -> Math.floorMod(k.hashCode(), RATE_LOCK_STRIPES)).distinct().sorted()
                .forEach(stripe -> jdbc.sql("select stripe from comment_rate_lock where stripe = :stripe for update")
                        .param("stripe", stripe).query(Integer.class).single());
    }

    long countSince(String column, String value, Instant since) {
        // column is one of two fixed names, never user input
        String col = column.equals("network_hash") ? "network_hash" : "author_email";
        return jdbc.sql("select count(*) from comment where " + col + " = :value and created_at > :since")
                .param("value", value).param("since", Timestamp.from(since)).query(Long.class).single();
    }

    /**
     * Whether the same text came already since {@code since}: from the same author (address or network) under the
     * same article; for a long text also from the same author under any article, or from anybody under the same
     * article (copies of spam).
     */
    boolean duplicate(String textHash, boolean longText, long articleId, String email, String networkHash, Instant since) {
        String sameAuthor = "(author_email = :email or network_hash = :network)";
        String where = longText ? sameAuthor + " or article_id = :article" : sameAuthor + " and article_id = :article";
        return jdbc.sql("""
                        select count(*) from comment
                        where text_hash = :hash and created_at > :since
                          and (%s)
                        """.formatted(where))
                .param("hash", textHash).param("since", Timestamp.from(since)).param("article", articleId)
                .param("email", email).param("network", networkHash)
                .query(Long.class).single() > 0;
    }

    /** Moves a comment to a new status if it is in one of the expected ones. */
    boolean decide(long id, Collection<CommentStatus> from, CommentStatus to, @Nullable RejectionReason reason, Instant now) {
        return jdbc.sql("""
                        update comment set status = :to, rejection_reason = :reason, decided_at = :now
                        where id = :id and status in (:from)
                        """)
                .param("to", to.name()).param("reason", reason == null ? null : reason.name())
                .param("now", Timestamp.from(now)).param("id", id)
                .param("from", from.stream().map(Enum::name).toList())
                .update() == 1;
    }

    /**
     * Changes the text if it still is the one the moderator saw ({@code beforeHash}; another moderator may have
     * edited it meanwhile) and the comment is not deleted.
     */
    boolean edit(long id, String beforeHash, String text, String textHash, Instant now) {
        return jdbc.sql("""
                        update comment set body = :body, text_hash = :hash, edited_at = :now
                        where id = :id and text_hash = :before and status <> 'DELETED'
                        """)
                .param("body", text).param("hash", textHash).param("now", Timestamp.from(now)).param("id", id)
                .param("before", beforeHash).update() == 1;
    }

    List<Comment> byEmail(String email) {
        return jdbc.sql("select " + COLUMNS + " from comment where author_email = :email order by created_at, id")
                .param("email", email).query(JdbcCommentRepository::comment).list();
    }

    /** Removes everything personal from a comment; it stays as a deleted placeholder so threads keep their shape. */
    void anonymise(long id) {
        jdbc.sql("""
                        update comment set author_name = '–', author_email = :placeholder, body = '', text_hash = '',
                               network_hash = '', status = 'DELETED', notify_replies = false
                        where id = :id
                        """)
                .param("placeholder", "erased-" + id + "@invalid").param("id", id).update();
    }

    int forgetNotifyAddress(String email) {
        return jdbc.sql("delete from comment_notify_address where email = :email").param("email", email).update();
    }

    // --- reply notifications --------------------------------------------------------------------

    record NotifyAddress(String email, String token, Instant requestedAt, @Nullable Instant confirmedAt,
                         @Nullable Instant stoppedAt) {
        boolean active() {
            return confirmedAt != null && stoppedAt == null;
        }
    }

    Optional<NotifyAddress> notifyAddress(String email) {
        return jdbc.sql("select * from comment_notify_address where email = :email").param("email", email)
                .query(JdbcCommentRepository::address).optional();
    }

    Optional<NotifyAddress> notifyAddressByToken(String token) {
        return jdbc.sql("select * from comment_notify_address where token = :token").param("token", token)
                .query(JdbcCommentRepository::address).optional();
    }

    void requestNotify(String email, String token, Instant now) {
        int updated = jdbc.sql("update comment_notify_address set requested_at = :now, stopped_at = null where email = :email")
                .param("now", Timestamp.from(now)).param("email", email).update();
        if (updated == 0) {
            jdbc.sql("""
                            insert into comment_notify_address (email, token, requested_at) values (:email, :token, :now)
                            on conflict do nothing
                            """)
                    .param("email", email).param("token", token).param("now", Timestamp.from(now)).update();
        }
    }

    void confirmNotify(String email, Instant now) {
        jdbc.sql("update comment_notify_address set confirmed_at = coalesce(confirmed_at, :now), stopped_at = null where email = :email")
                .param("now", Timestamp.from(now)).param("email", email).update();
    }

    void stopNotify(String email, Instant now) {
        jdbc.sql("update comment_notify_address set stopped_at = :now where email = :email")
                .param("now", Timestamp.from(now)).param("email", email).update();
    }

    private static NotifyAddress address(ResultSet rs, int row) throws SQLException {
        return new NotifyAddress(rs.getString("email"), rs.getString("token"), rs.getTimestamp("requested_at").toInstant(),
                instant(rs, "confirmed_at"), instant(rs, "stopped_at"));
    }

    private static Comment comment(ResultSet rs, int row) throws SQLException {
        String reason = rs.getString("rejection_reason");
        return new Comment(rs.getLong("id"), rs.getLong("article_id"), rs.getObject("parent_id", Long.class),
                rs.getString("author_name"), rs.getString("author_email"), rs.getString("body"),
                CommentStatus.valueOf(rs.getString("status")), rs.getBoolean("notify_replies"), rs.getString("network_hash"),
                rs.getTimestamp("created_at").toInstant(), instant(rs, "decided_at"), instant(rs, "edited_at"),
                reason == null ? null : RejectionReason.valueOf(reason));
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
