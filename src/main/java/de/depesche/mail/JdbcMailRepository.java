package de.depesche.mail;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcMailRepository {

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;
    private final boolean postgres;

    JdbcMailRepository(JdbcClient jdbc, NamedParameterJdbcTemplate batch, DataSource dataSource) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.postgres = isPostgres(dataSource);
    }

    private static boolean isPostgres(DataSource dataSource) {
        try (var connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
        } catch (java.sql.SQLException e) {
            return false;
        }
    }

    record NewRow(String key, String kind, String to, String subject, String text, @Nullable String html, String headers) {}

    // "on conflict do nothing" (PostgreSQL, and H2 in PostgreSQL mode) keeps the caller's transaction
    // usable when the key exists; a caught unique violation would abort it on PostgreSQL.
    private static final String INSERT = """
            insert into mail_outbox (idempotency_key, kind, to_address, subject, text_body, html_body,
                                     headers, status, attempts, next_attempt_at, created_at)
            values (:key, :kind, :to, :subject, :text, :html, :headers, 'PENDING', 0, :now, :now)
            on conflict do nothing
            """;

    boolean insert(String key, String kind, String to, String subject, String text, @Nullable String html,
                   String headers, Instant now) {
        return insert(new NewRow(key, kind, to, subject, text, html, headers), now);
    }

    boolean insert(NewRow row, Instant now) {
        return jdbc.sql(INSERT).paramSource(parameters(row, now)).update() == 1;
    }

    /** @return how many rows were new */
    int insertAll(List<NewRow> rows, Instant now) {
        int[] counts = batch.batchUpdate(INSERT, rows.stream().map(r -> parameters(r, now)).toArray(SqlParameterSource[]::new));
        int inserted = 0;
        for (int c : counts) {
            inserted += c == java.sql.Statement.SUCCESS_NO_INFO ? 1 : Math.max(c, 0);
        }
        return inserted;
    }

    private static SqlParameterSource parameters(NewRow row, Instant now) {
        return new MapSqlParameterSource()
                .addValue("key", row.key()).addValue("kind", row.kind()).addValue("to", row.to())
                .addValue("subject", row.subject()).addValue("text", row.text()).addValue("html", row.html(), java.sql.Types.VARCHAR)
                .addValue("headers", row.headers()).addValue("now", Timestamp.from(now));
    }

    boolean exists(String key) {
        return jdbc.sql("select count(*) from mail_outbox where idempotency_key = :key").param("key", key)
                .query(Long.class).single() > 0;
    }

    record Due(long id, String key, String to, String subject, String text, @Nullable String html, String headers, int attempts) {}

    List<Due> due(Instant now, int limit) {
        return jdbc.sql("""
                        select id, idempotency_key, to_address, subject, text_body, html_body, headers, attempts from mail_outbox
                        where status = 'PENDING' and next_attempt_at <= :now
                        order by next_attempt_at, id
                        limit :limit
                        """)
                .param("now", Timestamp.from(now)).param("limit", limit)
                .query((rs, n) -> new Due(rs.getLong("id"), rs.getString("idempotency_key"), rs.getString("to_address"), rs.getString("subject"),
                        rs.getString("text_body"), rs.getString("html_body"), rs.getString("headers"), rs.getInt("attempts")))
                .list();
    }

    /**
     * Records one accepted mail. On PostgreSQL the commit does not wait for the disk: a crash of this
     * process loses nothing (the database has the change), and only a crash of the database server itself
     * could forget the last few marks, whose mails would then go out once more with their Message-ID.
     */
    void sent(long id, String messageId, Instant now) {
        // One statement and one round trip per mail: on PostgreSQL set_config(…, true) switches the
        // synchronous commit off for this statement's own transaction, which is committed right after it.
        jdbc.sql(postgres ? """
                        update mail_outbox set status = 'SENT', sent_at = :now, message_id = :mid, attempts = attempts + 1,
                               last_error = null
                        where id = :id and set_config('synchronous_commit', 'off', true) = 'off'
                        """ : """
                        update mail_outbox set status = 'SENT', sent_at = :now, message_id = :mid, attempts = attempts + 1,
                               last_error = null
                        where id = :id
                        """)
                .param("now", Timestamp.from(now)).param("mid", messageId).param("id", id).update();
    }

    void failed(long id, String error, Instant next, boolean giveUp) {
        jdbc.sql("""
                        update mail_outbox set attempts = attempts + 1, last_error = :error, next_attempt_at = :next,
                               status = :status
                        where id = :id
                        """)
                .param("error", error.length() > 1000 ? error.substring(0, 1000) : error)
                .param("next", Timestamp.from(next)).param("status", giveUp ? "FAILED" : "PENDING").param("id", id)
                .update();
    }

    List<QueuedMail> recent(int limit, int offset) {
        return jdbc.sql("""
                        select id, kind, to_address, subject, status, attempts, created_at, sent_at, last_error, message_id
                        from mail_outbox order by id desc limit :limit offset :offset
                        """)
                .param("limit", limit).param("offset", offset).query(JdbcMailRepository::queued).list();
    }

    Optional<QueuedMail> find(long id) {
        return jdbc.sql("""
                        select id, kind, to_address, subject, status, attempts, created_at, sent_at, last_error, message_id
                        from mail_outbox where id = :id
                        """)
                .param("id", id).query(JdbcMailRepository::queued).optional();
    }

    Optional<String> text(long id) {
        return jdbc.sql("select text_body from mail_outbox where id = :id").param("id", id).query(String.class).optional();
    }

    Map<String, Long> countByStatus() {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("select status, count(*) from mail_outbox group by status order by status")
                .query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2))).list();
        return counts;
    }

    Map<String, Long> countByStatus(String keyPrefix) {
        Map<String, Long> counts = new LinkedHashMap<>();
        String like = likeLiteral(keyPrefix) + "%";
        jdbc.sql("select status, count(*) from mail_outbox where idempotency_key like :prefix escape '\\' group by status")
                .param("prefix", like)
                .query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2))).list();
        return counts;
    }

    // --- erasure and retention ----------------------------------------------------------------------

    /** Every mail to an address (compared without case), for export and erasure. */
    List<QueuedMail> to(String address) {
        return jdbc.sql("""
                        select id, kind, to_address, subject, status, attempts, created_at, sent_at, last_error, message_id
                        from mail_outbox where lower(to_address) = :address order by id
                        """)
                .param("address", address.toLowerCase(java.util.Locale.ROOT)).query(JdbcMailRepository::queued).list();
    }

    /** Mails to an address that wait for delivery: they are dropped. */
    int deleteWaitingTo(String address) {
        return jdbc.sql("delete from mail_outbox where lower(to_address) = :address and status = 'PENDING'")
                .param("address", address.toLowerCase(java.util.Locale.ROOT)).update();
    }

    /**
     * Mails to an address that were sent or given up: the row stays (counts and newsletter progress
     * stay true) but keeps nothing about the person: no address, subject, text, headers or error, and
     * an idempotency key that named the address is replaced.
     */
    int redactTo(String address, String placeholder) {
        String a = address.toLowerCase(java.util.Locale.ROOT);
        return jdbc.sql("""
                        update mail_outbox set to_address = :placeholder, subject = '', text_body = '', html_body = null,
                               headers = '', last_error = null,
                               idempotency_key = case when lower(idempotency_key) like :named escape '\\'
                                                      then 'erased:' || cast(id as varchar(20)) else idempotency_key end
                        where lower(to_address) = :address and status <> 'PENDING'
                        """)
                .param("placeholder", placeholder).param("address", a).param("named", "%" + likeLiteral(a) + "%").update();
    }

    /** Sent or given-up mails created before a time, oldest first. */
    List<Long> expired(Instant before, int limit) {
        return jdbc.sql("""
                        select id from mail_outbox where created_at < :before and status in ('SENT', 'FAILED')
                        order by created_at, id limit :limit
                        """)
                .param("before", Timestamp.from(before)).param("limit", limit).query(Long.class).list();
    }

    int delete(java.util.Collection<Long> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        return jdbc.sql("delete from mail_outbox where id in (:ids) and status in ('SENT', 'FAILED')")
                .param("ids", ids).update();
    }

    /** A text matched literally by {@code like … escape '\\'}. */
    private static String likeLiteral(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static QueuedMail queued(ResultSet rs, int row) throws SQLException {
        Timestamp sent = rs.getTimestamp("sent_at");
        return new QueuedMail(rs.getLong("id"), rs.getString("kind"), rs.getString("to_address"), rs.getString("subject"),
                rs.getString("status"), rs.getInt("attempts"), rs.getTimestamp("created_at").toInstant(),
                sent == null ? null : sent.toInstant(), rs.getString("last_error"), rs.getString("message_id"));
    }
}
