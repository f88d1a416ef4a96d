package de.depesche.account;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class JdbcApiTokenRepository {

    private final JdbcClient jdbc;

    JdbcApiTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(long staffId, String name, String hash, String hint, Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into api_token (staff_id, name, token_hash, token_hint, created_at)
                        values (:staff, :name, :hash, :hint, :now)
                        """)
                .param("staff", staffId).param("name", name).param("hash", hash).param("hint", hint)
                .param("now", Timestamp.from(now))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    /** The owner of a live token with this hash. */
    Optional<Long> ownerOf(String hash) {
        return jdbc.sql("select staff_id from api_token where token_hash = :hash and revoked_at is null")
                .param("hash", hash).query(Long.class).optional();
    }

    /** Records a use unless one after {@code notBefore} is recorded already (by this or another node). */
    void touch(String hash, Instant now, Instant notBefore) {
        jdbc.sql("""
                        update api_token set last_used_at = :now
                        where token_hash = :hash and (last_used_at is null or last_used_at < :notBefore)
                        """)
                .param("now", Timestamp.from(now)).param("hash", hash).param("notBefore", Timestamp.from(notBefore)).update();
    }

    List<ApiTokenView> of(long staffId) {
        return jdbc.sql("""
                        select id, name, token_hint, created_at, last_used_at, revoked_at
                        from api_token where staff_id = :staff order by created_at desc
                        """)
                .param("staff", staffId)
                .query((rs, n) -> new ApiTokenView(rs.getLong("id"), rs.getString("name"), rs.getString("token_hint"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("last_used_at") == null ? null : rs.getTimestamp("last_used_at").toInstant(),
                        rs.getTimestamp("revoked_at") == null ? null : rs.getTimestamp("revoked_at").toInstant()))
                .list();
    }

    boolean revoke(long staffId, long tokenId, Instant now) {
        return jdbc.sql("update api_token set revoked_at = :now where id = :id and staff_id = :staff and revoked_at is null")
                .param("now", Timestamp.from(now)).param("id", tokenId).param("staff", staffId).update() > 0;
    }
}
