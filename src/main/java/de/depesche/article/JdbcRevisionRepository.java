package de.depesche.article;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcRevisionRepository {

    private final JdbcClient jdbc;

    JdbcRevisionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Article a, @Nullable Long editorId, String editorName, String changes, Instant at) {
        jdbc.sql("""
                        insert into article_revision (article_id, number, editor_id, editor_name, at, changes, status,
                                                      title, dateline, lead_text, body_markdown)
                        values (:article, (select coalesce(max(number), 0) + 1 from article_revision where article_id = :article),
                                :editorId, :editorName, :at, :changes, :status, :title, :dateline, :lead, :body)
                        """)
                .param("article", a.id()).param("editorId", editorId).param("editorName", editorName)
                .param("at", Timestamp.from(at)).param("changes", changes).param("status", a.status().name())
                .param("title", a.title()).param("dateline", a.dateline()).param("lead", a.lead())
                .param("body", a.bodyMarkdown())
                .update();
    }

    List<Revision> of(long articleId) {
        return jdbc.sql("select * from article_revision where article_id = :id order by number desc")
                .param("id", articleId).query(JdbcRevisionRepository::revision).list();
    }

    Optional<Revision> find(long articleId, int number) {
        return jdbc.sql("select * from article_revision where article_id = :id and number = :number")
                .param("id", articleId).param("number", number).query(JdbcRevisionRepository::revision).optional();
    }

    private static Revision revision(ResultSet rs, int row) throws SQLException {
        return new Revision(rs.getLong("id"), rs.getLong("article_id"), rs.getInt("number"),
                rs.getObject("editor_id", Long.class), rs.getString("editor_name"), rs.getTimestamp("at").toInstant(),
                rs.getString("changes"), ArticleStatus.valueOf(rs.getString("status")), rs.getString("title"),
                rs.getString("dateline"), rs.getString("lead_text"), rs.getString("body_markdown"));
    }
}
