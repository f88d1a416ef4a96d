package de.depesche.job;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The job tables: job_listing, job_place, job_source, job_source_entry, job_import_run. */
@Repository
class JdbcJobRepository {

    private static final String COLUMNS = """
            j.id, j.title, j.employer, j.places, j.remote, j.employment_type, j.description, j.apply_url,
            j.posted_on, j.valid_through, j.source_kind, j.source, j.updated_at""";

    private final JdbcClient jdbc;

    JdbcJobRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A job as stored, after normalisation, with its dates settled. */
    record Row(String dedupKey, String title, String employer, List<String> places, boolean remote,
               EmploymentType type, String description, String applyUrl, LocalDate postedOn, Instant validThrough) {

        boolean sameContent(JobListing j) {
            return title.equals(j.title()) && employer.equals(j.employer()) && places.equals(j.places())
                    && remote == j.remote() && type == j.employmentType() && description.equals(j.descriptionHtml())
                    && applyUrl.equals(j.applyUrl()) && postedOn.equals(j.postedOn())
                    && validThrough.equals(j.validThrough());
        }
    }

    /**
     * Stores a new job; empty when a job with the same de-duplication key exists already, also one
     * that another import stored a moment ago (the insert waits for it and then skips instead of failing).
     */
    OptionalLong insert(Row row, JobSourceKind kind, String source, Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        int inserted = jdbc.sql("""
                        insert into job_listing (dedup_key, title, employer, places, remote, employment_type, description,
                                                 apply_url, posted_on, valid_through, source_kind, source, expired_noticed,
                                                 created_at, updated_at)
                        values (:key, :title, :employer, :places, :remote, :type, :description, :url, :posted, :validThrough,
                                :kind, :source, false, :now, :now)
                        on conflict do nothing
                        """)
                .params(params(row))
                .param("kind", kind.name())
                .param("source", source)
                .param("now", Timestamp.from(now))
                .update(keys, "id");
        if (inserted == 0) {
            return OptionalLong.empty();
        }
        long id = keys.getKeyAs(Number.class).longValue();
        replacePlaces(id, row.places());
        return OptionalLong.of(id);
    }

    void update(long id, Row row, Instant now) {
        jdbc.sql("""
                        update job_listing set dedup_key = :key, title = :title, employer = :employer, places = :places,
                               remote = :remote, employment_type = :type, description = :description, apply_url = :url,
                               posted_on = :posted, valid_through = :validThrough, expired_noticed = false, updated_at = :now
                        where id = :id
                        """)
                .params(params(row))
                .param("now", Timestamp.from(now))
                .param("id", id)
                .update();
        replacePlaces(id, row.places());
    }

    /** Ends a current job now; false when it had ended already. */
    boolean end(long id, Instant now) {
        return jdbc.sql("""
                        update job_listing set valid_through = :now, expired_noticed = false, updated_at = :now
                        where id = :id and valid_through > :now
                        """)
                .param("now", Timestamp.from(now)).param("id", id).update() == 1;
    }

    private void replacePlaces(long id, List<String> places) {
        jdbc.sql("delete from job_place where job_id = :id").param("id", id).update();
        int position = 0;
        for (String place : places) {
            jdbc.sql("insert into job_place (job_id, place, position) values (:id, :place, :position)")
                    .param("id", id).param("place", place).param("position", position++).update();
        }
    }

    private static Map<String, Object> params(Row row) {
        Map<String, Object> p = new HashMap<>();
        p.put("key", row.dedupKey());
        p.put("title", row.title());
        p.put("employer", row.employer());
        p.put("places", String.join("\n", row.places()));
        p.put("remote", row.remote());
        p.put("type", row.type().name());
        p.put("description", row.description());
        p.put("url", row.applyUrl());
        p.put("posted", Date.valueOf(row.postedOn()));
        p.put("validThrough", Timestamp.from(row.validThrough()));
        return p;
    }

    boolean delete(long id) {
        return jdbc.sql("delete from job_listing where id = :id").param("id", id).update() == 1;
    }

    Optional<JobListing> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from job_listing j where j.id = :id").param("id", id)
                .query(JdbcJobRepository::job).optional();
    }

    Optional<JobListing> findByKey(String key) {
        return jdbc.sql("select " + COLUMNS + " from job_listing j where j.dedup_key = :key").param("key", key)
                .query(JdbcJobRepository::job).optional();
    }

    // --- lists -------------------------------------------------------------------------------------

    record Filter(String where, Map<String, Object> params) {
        static Filter current(Instant now) {
            return new Filter("j.valid_through > :now", Map.of("now", Timestamp.from(now)));
        }

        static Filter all() {
            return new Filter("1 = 1", Map.of());
        }

        Filter and(String condition, String name, Object value) {
            Map<String, Object> p = new LinkedHashMap<>(params);
            p.put(name, value);
            return new Filter(where + " and " + condition, p);
        }

        Filter and(String condition) {
            return new Filter(where + " and " + condition, params);
        }
    }

    List<JobListing> list(Filter filter, String orderBy, int limit, int offset) {
        return jdbc.sql("select " + COLUMNS + " from job_listing j where " + filter.where()
                        + " order by " + orderBy + " limit :limit offset :offset")
                .params(filter.params())
                .param("limit", limit)
                .param("offset", offset)
                .query(JdbcJobRepository::job).list();
    }

    /** The newest change among one page of the list, without loading it. */
    Optional<Instant> newestChange(Filter filter, String orderBy, int limit, int offset) {
        return jdbc.sql("select max(p.updated_at) from (select j.updated_at from job_listing j where " + filter.where()
                        + " order by " + orderBy + " limit :limit offset :offset) p")
                .params(filter.params())
                .param("limit", limit)
                .param("offset", offset)
                .query((rs, n) -> rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant())
                .optional();
    }

    long count(Filter filter) {
        return jdbc.sql("select count(*) from job_listing j where " + filter.where())
                .params(filter.params()).query(Long.class).single();
    }

    Optional<Instant> lastChange() {
        return jdbc.sql("select max(updated_at) from job_listing")
                .query((rs, n) -> rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant())
                .optional();
    }

    List<String> currentPlaces(Instant now) {
        return jdbc.sql("""
                        select distinct p.place from job_place p join job_listing j on j.id = p.job_id
                        where j.valid_through > :now order by p.place
                        """)
                .param("now", Timestamp.from(now)).query(String.class).list();
    }

    /** Marks jobs that ended since the last look; the number tells whether pages must change. */
    int noticeExpired(Instant now) {
        return jdbc.sql("update job_listing set expired_noticed = true where valid_through <= :now and expired_noticed = false")
                .param("now", Timestamp.from(now)).update();
    }

    /** Jobs that ended long ago are removed; their pages then answer 404 instead of 410. */
    int deleteEndedBefore(Instant before) {
        return jdbc.sql("delete from job_listing where valid_through < :before")
                .param("before", Timestamp.from(before)).update();
    }

    // --- sources -----------------------------------------------------------------------------------

    List<JobSource> sources() {
        return jdbc.sql("select * from job_source order by name, id").query(JdbcJobRepository::source).list();
    }

    Optional<JobSource> source(long id) {
        return jdbc.sql("select * from job_source where id = :id").param("id", id).query(JdbcJobRepository::source).optional();
    }

    long insertSource(String name, String url, FeedFormat format, int everyHours, boolean enabled, boolean fullFeed,
                      Instant nextRun) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into job_source (name, url, format, every_hours, enabled, full_feed, next_run_at)
                        values (:name, :url, :format, :hours, :enabled, :fullFeed, :next)
                        """)
                .param("name", name).param("url", url).param("format", format.name()).param("hours", everyHours)
                .param("enabled", enabled).param("fullFeed", fullFeed).param("next", Timestamp.from(nextRun))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    void updateSource(long id, String name, String url, FeedFormat format, int everyHours, boolean enabled,
                      boolean fullFeed) {
        jdbc.sql("""
                        update job_source set name = :name, url = :url, format = :format, every_hours = :hours,
                               enabled = :enabled, full_feed = :fullFeed
                        where id = :id
                        """)
                .param("name", name).param("url", url).param("format", format.name()).param("hours", everyHours)
                .param("enabled", enabled).param("fullFeed", fullFeed).param("id", id).update();
    }

    boolean deleteSource(long id) {
        return jdbc.sql("delete from job_source where id = :id").param("id", id).update() == 1;
    }

    List<JobSource> dueSources(Instant now) {
        return jdbc.sql("select * from job_source where enabled = true and next_run_at <= :now order by next_run_at")
                .param("now", Timestamp.from(now)).query(JdbcJobRepository::source).list();
    }

    void ranSource(long id, Instant ranAt, Instant nextRun) {
        jdbc.sql("update job_source set last_run_at = :ran, next_run_at = :next where id = :id")
                .param("ran", Timestamp.from(ranAt)).param("next", Timestamp.from(nextRun)).param("id", id).update();
    }

    // --- what each source's feed contains ------------------------------------------------------------

    /** Notes that the source's feed contains the job. */
    void recordEntry(long sourceId, long jobId) {
        jdbc.sql("insert into job_source_entry (source_id, job_id) values (:source, :job) on conflict do nothing")
                .param("source", sourceId).param("job", jobId).update();
    }

    /** The jobs the source's feed contained when it was last read completely. */
    Set<Long> entries(long sourceId) {
        return new HashSet<>(jdbc.sql("select job_id from job_source_entry where source_id = :source")
                .param("source", sourceId).query(Long.class).list());
    }

    void forgetEntry(long sourceId, long jobId) {
        jdbc.sql("delete from job_source_entry where source_id = :source and job_id = :job")
                .param("source", sourceId).param("job", jobId).update();
    }

    /** Whether some feed source still delivers the job. */
    boolean delivered(long jobId) {
        return jdbc.sql("select count(*) from job_source_entry where job_id = :job").param("job", jobId)
                .query(Long.class).single() > 0;
    }

    // --- reports -----------------------------------------------------------------------------------

    record StoredRun(long id, @Nullable Long sourceId, JobSourceKind sourceKind, String source, Instant startedAt,
                     int created, int updated, int duplicates, int ended, int rejected, @Nullable String failure,
                     String rejections) {}

    long insertRun(@Nullable Long sourceId, JobSourceKind kind, String source, Instant startedAt, int created, int updated,
                   int duplicates, int ended, int rejected, @Nullable String failure, String rejections) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into job_import_run (source_id, source_kind, source_name, started_at, new_count, updated_count,
                                                    duplicate_count, ended_count, rejected_count, failure, rejections)
                        values (:sourceId, :kind, :source, :at, :created, :updated, :duplicates, :ended, :rejected, :failure,
                                :rejections)
                        """)
                .param("sourceId", sourceId).param("kind", kind.name()).param("source", source)
                .param("at", Timestamp.from(startedAt))
                .param("created", created).param("updated", updated).param("duplicates", duplicates).param("ended", ended)
                .param("rejected", rejected).param("failure", failure).param("rejections", rejections)
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    List<StoredRun> runs(int limit) {
        return jdbc.sql("select * from job_import_run order by id desc limit :limit").param("limit", limit)
                .query(JdbcJobRepository::run).list();
    }

    Optional<StoredRun> run(long id) {
        return jdbc.sql("select * from job_import_run where id = :id").param("id", id)
                .query(JdbcJobRepository::run).optional();
    }

    private static StoredRun run(ResultSet rs, int row) throws SQLException {
        return new StoredRun(rs.getLong("id"), rs.getObject("source_id", Long.class),
                JobSourceKind.valueOf(rs.getString("source_kind")), rs.getString("source_name"),
                rs.getTimestamp("started_at").toInstant(), rs.getInt("new_count"), rs.getInt("updated_count"),
                rs.getInt("duplicate_count"), rs.getInt("ended_count"), rs.getInt("rejected_count"), rs.getString("failure"),
                rs.getString("rejections"));
    }

    private static JobSource source(ResultSet rs, int row) throws SQLException {
        Timestamp last = rs.getTimestamp("last_run_at");
        return new JobSource(rs.getLong("id"), rs.getString("name"), rs.getString("url"),
                FeedFormat.valueOf(rs.getString("format")), rs.getInt("every_hours"), rs.getBoolean("enabled"),
                rs.getBoolean("full_feed"), rs.getTimestamp("next_run_at").toInstant(), last == null ? null : last.toInstant());
    }

    private static JobListing job(ResultSet rs, int row) throws SQLException {
        String places = rs.getString("places");
        return new JobListing(rs.getLong("id"), rs.getString("title"), rs.getString("employer"),
                places.isEmpty() ? List.of() : Arrays.asList(places.split("\n")), rs.getBoolean("remote"),
                EmploymentType.valueOf(rs.getString("employment_type")), rs.getString("description"),
                rs.getString("apply_url"), rs.getDate("posted_on").toLocalDate(),
                rs.getTimestamp("valid_through").toInstant(), JobSourceKind.valueOf(rs.getString("source_kind")),
                rs.getString("source"),
                rs.getTimestamp("updated_at").toInstant());
    }
}
