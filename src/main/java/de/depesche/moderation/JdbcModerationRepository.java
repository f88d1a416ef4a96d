package de.depesche.moderation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcModerationRepository {

    private final JdbcClient jdbc;

    JdbcModerationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // --- queue -------------------------------------------------------------------------------------

    void enqueue(long commentId, long articleId, Instant submittedAt, RiskAssessment a) {
        jdbc.sql("""
                        insert into moderation_queue (comment_id, article_id, submitted_at, risk, off_topic, demeaning, spam,
                                                      flags, because, status)
                        values (:comment, :article, :at, :risk, :offTopic, :demeaning, :spam, :flags, :because, 'PENDING')
                        on conflict do nothing
                        """)
                .param("comment", commentId).param("article", articleId).param("at", Timestamp.from(submittedAt))
                .param("risk", a.risk())
                .param("offTopic", a.score(RiskAssessment.Label.OFF_TOPIC))
                .param("demeaning", a.score(RiskAssessment.Label.DEMEANING))
                .param("spam", a.score(RiskAssessment.Label.SPAM))
                .param("flags", flags(a)).param("because", because(a))
                .update();
    }

    void decided(long commentId) {
        jdbc.sql("update moderation_queue set status = 'DECIDED' where comment_id = :id").param("id", commentId).update();
    }

    void reopen(long commentId) {
        jdbc.sql("update moderation_queue set status = 'PENDING' where comment_id = :id").param("id", commentId).update();
    }

    record Queued(long commentId, RiskAssessment assessment) {}

    /**
     * The waiting comments. Flags and the risk order come from the stored scores and the thresholds given here
     * (the configured ones), not from the flags stored at scoring time: a changed threshold re-flags and re-sorts
     * the queue at once, without scoring anything again.
     *
     * @param label only comments whose score for this label reaches its threshold, or null for all
     */
    List<Queued> pending(RiskAssessment.@Nullable Label label, boolean oldestFirst, int limit, int offset,
                         AssistantThresholds thresholds) {
        String order = oldestFirst ? "submitted_at, comment_id" : RISK + " desc, submitted_at, comment_id";
        return thresholdParams(jdbc.sql("select * from moderation_queue where status = 'PENDING'" + labelCondition(label)
                        + " order by " + order + " limit :limit offset :offset"), thresholds)
                .param("limit", limit).param("offset", offset)
                .query((rs, n) -> new Queued(rs.getLong("comment_id"), assessment(rs, thresholds))).list();
    }

    long pendingCount(RiskAssessment.@Nullable Label label, AssistantThresholds thresholds) {
        return thresholdParams(jdbc.sql("select count(*) from moderation_queue where status = 'PENDING'" + labelCondition(label)),
                thresholds).query(Long.class).single();
    }

    Optional<RiskAssessment> assessment(long commentId, AssistantThresholds thresholds) {
        return jdbc.sql("select * from moderation_queue where comment_id = :id").param("id", commentId)
                .query((rs, n) -> assessment(rs, thresholds)).optional();
    }

    /** {@link RiskAssessment#risk()} in SQL: flagged comments first, by their highest flagged score; then the rest by their highest score. */
    private static final String RISK = """
            (case when off_topic >= :offTopic or demeaning >= :demeaning or spam >= :spam
                  then 0.5 + greatest(case when off_topic >= :offTopic then off_topic else 0 end,
                                      case when demeaning >= :demeaning then demeaning else 0 end,
                                      case when spam >= :spam then spam else 0 end) / 2
                  else greatest(off_topic, demeaning, spam) / 2 end)""";

    private static String labelCondition(RiskAssessment.@Nullable Label label) {
        if (label == null) {
            return "";
        }
        return switch (label) {
            case OFF_TOPIC -> " and off_topic >= :offTopic";
            case DEMEANING -> " and demeaning >= :demeaning";
            case SPAM -> " and spam >= :spam";
        };
    }

    private static JdbcClient.StatementSpec thresholdParams(JdbcClient.StatementSpec sql, AssistantThresholds t) {
        return sql.param("offTopic", t.offTopic()).param("demeaning", t.demeaning()).param("spam", t.spam());
    }

    // --- decisions ---------------------------------------------------------------------------------

    void decision(long commentId, long articleId, @Nullable Long moderatorId, String moderatorName, Instant at,
                  String action, @Nullable String reason, @Nullable String before, @Nullable String after) {
        jdbc.sql("""
                        insert into moderation_decision (comment_id, article_id, moderator_id, moderator_name, at, action,
                                                         reason, before_text, after_text)
                        values (:comment, :article, :moderatorId, :moderatorName, :at, :action, :reason, :before, :after)
                        """)
                .param("comment", commentId).param("article", articleId).param("moderatorId", moderatorId)
                .param("moderatorName", moderatorName).param("at", Timestamp.from(at)).param("action", action)
                .param("reason", reason).param("before", before).param("after", after)
                .update();
    }

    void forgetTexts(long commentId) {
        jdbc.sql("update moderation_decision set before_text = null, after_text = null where comment_id = :id")
                .param("id", commentId).update();
    }

    List<Decision> decisions(int limit, int offset) {
        return jdbc.sql("select * from moderation_decision order by id desc limit :limit offset :offset")
                .param("limit", limit).param("offset", offset).query(JdbcModerationRepository::decision).list();
    }

    List<Decision> decisionsFor(long commentId) {
        return jdbc.sql("select * from moderation_decision where comment_id = :id order by id")
                .param("id", commentId).query(JdbcModerationRepository::decision).list();
    }

    Map<String, Long> decisionCountsSince(Instant since) {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        jdbc.sql("select action, count(*) from moderation_decision where at >= :since group by action order by action")
                .param("since", Timestamp.from(since))
                .query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2))).list();
        return counts;
    }

    // --- bans --------------------------------------------------------------------------------------

    /** @return whether a ban started (false: the address or network is banned already) */
    boolean ban(BanKind kind, String target, String label, String reason, @Nullable Long by, String byName, Instant now) {
        int lifted = jdbc.sql("""
                        update moderation_ban set lifted_at = null, reason = :reason, created_by = :by,
                               created_by_name = :byName, created_at = :now
                        where kind = :kind and target = :target and lifted_at is not null
                        """)
                .param("reason", reason).param("by", by).param("byName", byName).param("now", Timestamp.from(now))
                .param("kind", kind.name()).param("target", target).update();
        if (lifted > 0) {
            return true;
        }
        return jdbc.sql("""
                        insert into moderation_ban (kind, target, label, reason, created_by, created_by_name, created_at)
                        values (:kind, :target, :label, :reason, :by, :byName, :now)
                        on conflict do nothing
                        """)
                .param("kind", kind.name()).param("target", target).param("label", label).param("reason", reason)
                .param("by", by).param("byName", byName).param("now", Timestamp.from(now)).update() == 1;
    }

    boolean isBanned(BanKind kind, String target) {
        return jdbc.sql("select count(*) from moderation_ban where kind = :kind and target = :target and lifted_at is null")
                .param("kind", kind.name()).param("target", target).query(Long.class).single() > 0;
    }

    List<Ban> bans() {
        return jdbc.sql("select * from moderation_ban order by lifted_at nulls first, created_at desc")
                .query((rs, n) -> new Ban(rs.getLong("id"), BanKind.valueOf(rs.getString("kind")), rs.getString("label"),
                        rs.getString("reason"), rs.getString("created_by_name"), rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("lifted_at") == null ? null : rs.getTimestamp("lifted_at").toInstant()))
                .list();
    }

    boolean lift(long banId, Instant now) {
        return jdbc.sql("update moderation_ban set lifted_at = :now where id = :id and lifted_at is null")
                .param("now", Timestamp.from(now)).param("id", banId).update() == 1;
    }

    // --- reminder mails ----------------------------------------------------------------------------

    Set<Long> remindersOff() {
        return Set.copyOf(jdbc.sql("select staff_id from moderation_reminder_optout").query(Long.class).list());
    }

    void reminders(long staffId, boolean on, Instant now) {
        if (on) {
            jdbc.sql("delete from moderation_reminder_optout where staff_id = :id").param("id", staffId).update();
        } else {
            jdbc.sql("insert into moderation_reminder_optout (staff_id, since) values (:id, :now) on conflict do nothing")
                    .param("id", staffId).param("now", Timestamp.from(now)).update();
        }
    }

    // --- mapping -----------------------------------------------------------------------------------

    private static String flags(RiskAssessment a) {
        List<String> f = new ArrayList<>();
        for (RiskAssessment.Label label : RiskAssessment.Label.values()) {
            if (a.isFlagged(label)) {
                f.add(label.name());
            }
        }
        return String.join(",", f);
    }

    /** One line per label: {@code LABEL<TAB>reason<TAB>reason…}. */
    private static String because(RiskAssessment a) {
        StringBuilder sb = new StringBuilder();
        for (RiskAssessment.Label label : RiskAssessment.Label.values()) {
            List<String> reasons = a.reasons(label);
            if (!reasons.isEmpty()) {
                sb.append(label.name());
                reasons.forEach(r -> sb.append('\t').append(r.replaceAll("[\\t\\n\\r]", " ")));
                sb.append('\n');
            }
        }
        String s = sb.toString();
        return s.length() > 4000 ? s.substring(0, 4000) : s;
    }

    private static RiskAssessment assessment(ResultSet rs, AssistantThresholds thresholds) throws SQLException {
        Map<RiskAssessment.Label, Double> scores = new EnumMap<>(RiskAssessment.Label.class);
        scores.put(RiskAssessment.Label.OFF_TOPIC, rs.getDouble("off_topic"));
        scores.put(RiskAssessment.Label.DEMEANING, rs.getDouble("demeaning"));
        scores.put(RiskAssessment.Label.SPAM, rs.getDouble("spam"));
        Map<RiskAssessment.Label, List<String>> because = new EnumMap<>(RiskAssessment.Label.class);
        for (String line : rs.getString("because").split("\n")) {
            String[] parts = line.split("\t");
            if (parts.length > 1) {
                because.put(RiskAssessment.Label.valueOf(parts[0]), List.of(parts).subList(1, parts.length));
            }
        }
        return RiskAssessment.of(scores, because, thresholds);
    }

    private static Decision decision(ResultSet rs, int row) throws SQLException {
        return new Decision(rs.getLong("id"), rs.getLong("comment_id"), rs.getLong("article_id"),
                rs.getString("moderator_name"), rs.getTimestamp("at").toInstant(), rs.getString("action"),
                rs.getString("reason"), rs.getString("before_text"), rs.getString("after_text"));
    }
}
