package de.depesche.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Who did what and when, for every newsroom decision. Entries are written in the transaction of the
 * change they describe, so the log never claims a change that did not happen.
 */
@Service
public class AuditLog {

    private static final int MAX_DETAIL = 4000;
    /** The actor name stored when the system acted; pages show it translated ({@link AuditEntry#bySystem()}). */
    static final String SYSTEM = "System";

    private final JdbcClient jdbc;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** @param actor null for the system itself (scheduler, first start) */
    public void record(@Nullable StaffPrincipal actor, String action, String target, String detail) {
        jdbc.sql("""
                        insert into audit_log (at, actor_id, actor_name, action, target, detail)
                        values (:at, :actorId, :actorName, :action, :target, :detail)
                        """)
                .param("at", Timestamp.from(clock.instant()))
                .param("actorId", actor == null ? null : actor.id())
                .param("actorName", actor == null ? SYSTEM : actor.displayName())
                .param("action", action)
                .param("target", truncate(target, 200))
                .param("detail", truncate(detail, MAX_DETAIL))
                .update();
    }

    public List<AuditEntry> recent(int limit, int offset) {
        return jdbc.sql("""
                        select id, at, actor_id, actor_name, action, target, detail
                        from audit_log order by id desc
                        limit :limit offset :offset
                        """)
                .param("limit", limit).param("offset", offset)
                .query(AuditLog::entry)
                .list();
    }

    public List<AuditEntry> forTarget(String target) {
        return jdbc.sql("""
                        select id, at, actor_id, actor_name, action, target, detail
                        from audit_log where target = :target order by id desc
                        """)
                .param("target", target)
                .query(AuditLog::entry)
                .list();
    }

    private static AuditEntry entry(ResultSet rs, int row) throws SQLException {
        return new AuditEntry(rs.getLong("id"), rs.getTimestamp("at").toInstant(),
                rs.getObject("actor_id", Long.class), rs.getString("actor_name"),
                rs.getString("action"), rs.getString("target"), rs.getString("detail"));
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
