package de.depesche.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class JdbcStaffRepository {

    private static final String COLUMNS = "id, email, display_name, slug, role, bio, enabled, created_at";

    private final JdbcClient jdbc;

    JdbcStaffRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(String email, String displayName, String slug, Role role, String passwordHash, Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into staff_user (email, display_name, slug, role, password_hash, enabled, created_at)
                        values (:email, :name, :slug, :role, :hash, true, :now)
                        """)
                .param("email", email).param("name", displayName).param("slug", slug)
                .param("role", role.name()).param("hash", passwordHash).param("now", Timestamp.from(now))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    boolean any() {
        return jdbc.sql("select count(*) from staff_user").query(Long.class).single() > 0;
    }

    Optional<StaffMember> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from staff_user where id = :id")
                .param("id", id).query(JdbcStaffRepository::member).optional();
    }

    Optional<StaffMember> findBySlug(String slug) {
        return jdbc.sql("select " + COLUMNS + " from staff_user where slug = :slug")
                .param("slug", slug).query(JdbcStaffRepository::member).optional();
    }

    Optional<StaffMember> findByEmail(String email) {
        return jdbc.sql("select " + COLUMNS + " from staff_user where email = :email")
                .param("email", email).query(JdbcStaffRepository::member).optional();
    }

    List<StaffMember> findAll(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from staff_user where id in (:ids)")
                .param("ids", ids).query(JdbcStaffRepository::member).list();
    }

    List<StaffMember> all() {
        return jdbc.sql("select " + COLUMNS + " from staff_user order by display_name")
                .query(JdbcStaffRepository::member).list();
    }

    boolean slugTaken(String slug) {
        return jdbc.sql("select count(*) from staff_user where slug = :slug").param("slug", slug)
                .query(Long.class).single() > 0;
    }

    Optional<StaffPrincipal> principalByEmail(String email) {
        return jdbc.sql("select id, email, display_name, role, password_hash, enabled from staff_user where email = :email")
                .param("email", email)
                .query((rs, n) -> new StaffPrincipal(rs.getLong("id"), rs.getString("email"),
                        rs.getString("display_name"), Role.valueOf(rs.getString("role")),
                        rs.getString("password_hash"), rs.getBoolean("enabled")))
                .optional();
    }

    Optional<String> passwordHash(long id) {
        return jdbc.sql("select password_hash from staff_user where id = :id").param("id", id)
                .query(String.class).optional();
    }

    void updatePassword(long id, String hash) {
        jdbc.sql("update staff_user set password_hash = :hash where id = :id").param("hash", hash).param("id", id).update();
    }

    /** The session version of an enabled account; empty when it is disabled or gone. */
    Optional<Integer> sessionVersion(long id) {
        return jdbc.sql("select session_version from staff_user where id = :id and enabled = true")
                .param("id", id).query(Integer.class).optional();
    }

    void endSessions(long id) {
        jdbc.sql("update staff_user set session_version = session_version + 1 where id = :id").param("id", id).update();
    }

    void updateProfile(long id, String displayName, Role role, String bio, boolean enabled) {
        jdbc.sql("""
                        update staff_user set display_name = :name, role = :role, bio = :bio, enabled = :enabled
                        where id = :id
                        """)
                .param("name", displayName).param("role", role.name()).param("bio", bio)
                .param("enabled", enabled).param("id", id).update();
    }

    long countEnabledAdmins() {
        return jdbc.sql("select count(*) from staff_user where role = 'ADMIN' and enabled = true")
                .query(Long.class).single();
    }

    private static StaffMember member(ResultSet rs, int row) throws SQLException {
        return new StaffMember(rs.getLong("id"), rs.getString("email"), rs.getString("display_name"),
                rs.getString("slug"), Role.valueOf(rs.getString("role")), rs.getString("bio"),
                rs.getBoolean("enabled"), rs.getTimestamp("created_at").toInstant());
    }
}
