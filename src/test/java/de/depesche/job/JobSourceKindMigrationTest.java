package de.depesche.job;

import java.util.List;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jobs stored before V55 carried their origin as German words ("Redaktion", "API: …", a file name);
 * the migration turns them into a kind, so existing job pages speak the reader's language too.
 */
class JobSourceKindMigrationTest {

    @Test
    void oldSourceLabelsBecomeKinds() {
        DriverManagerDataSource db = new DriverManagerDataSource("jdbc:h2:mem:migration-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "");
        // Up to the last migration before V55, whichever that is (other modules add theirs in their own ranges).
        String before = java.util.Arrays.stream(Flyway.configure().dataSource(db).locations("classpath:db/migration").load()
                        .info().all())
                .map(m -> m.getVersion()).filter(v -> v.isNewerThan("0") && !v.isAtLeast("55"))
                .max(Comparable::compareTo).orElseThrow().getVersion();
        Flyway.configure().dataSource(db).locations("classpath:db/migration").target(before).load().migrate();
        JdbcClient jdbc = JdbcClient.create(db);
        jdbc.sql("""
                insert into job_source (name, url, format, every_hours, enabled, next_run_at)
                values ('Jobbörse Nord', 'https://jobs.example/feed.xml', 'XML', 6, true, current_timestamp)
                """).update();
        for (String source : List.of("Redaktion", "API", "API: Partnerportal", "Upload", "stellen-maerz.xml", "Jobbörse Nord")) {
            jdbc.sql("""
                    insert into job_listing (dedup_key, title, employer, places, remote, employment_type, description, apply_url,
                                             posted_on, valid_through, source, created_at, updated_at)
                    values (:key, 'T', 'E', 'Berlin', false, 'OTHER', '<p>D</p>', 'https://x.example/', current_date,
                            current_timestamp, :source, current_timestamp, current_timestamp)
                    """).param("key", source).param("source", source).update();
        }
        jdbc.sql("""
                insert into job_import_run (source_id, source_name, started_at, new_count, updated_count, duplicate_count,
                                            rejected_count, rejections)
                values (null, 'API: Partnerportal', current_timestamp, 1, 0, 0, 0, '[]')
                """).update();

        Flyway.configure().dataSource(db).locations("classpath:db/migration").load().migrate();

        assertThat(kindAndName(jdbc, "Redaktion")).isEqualTo("NEWSROOM|");
        assertThat(kindAndName(jdbc, "API")).isEqualTo("API|");
        assertThat(kindAndName(jdbc, "API: Partnerportal")).isEqualTo("API|Partnerportal");
        assertThat(kindAndName(jdbc, "Upload")).isEqualTo("UPLOAD|");
        assertThat(kindAndName(jdbc, "stellen-maerz.xml")).isEqualTo("UPLOAD|stellen-maerz.xml");
        assertThat(kindAndName(jdbc, "Jobbörse Nord")).isEqualTo("FEED|Jobbörse Nord");
        assertThat(jdbc.sql("select source_kind || '|' || source_name from job_import_run").query(String.class).single())
                .isEqualTo("API|Partnerportal");
        assertThat(jdbc.sql("select full_feed from job_source").query(Boolean.class).single()).isTrue();
    }

    private static String kindAndName(JdbcClient jdbc, String key) {
        return jdbc.sql("select source_kind || '|' || source from job_listing where dedup_key = :key").param("key", key)
                .query(String.class).single();
    }
}
