package de.depesche.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives every test application context its own empty database and data directory: an in-memory H2
 * database by default, or a fresh schema in the local PostgreSQL when the suite runs with
 * {@code -Ddepesche.test.db=postgres} (see .ci/run). A missing PostgreSQL fails the run; it never
 * silently falls back to H2.
 */
public class TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String ADMIN_EMAIL = "admin@test.depesche.local";
    public static final String ADMIN_PASSWORD = "test-admin-password-1";
    public static final String ADMIN_TOKEN = "dp_test_admin_token_0123456789abcdef";
    /**
     * Set to the {@code spring.datasource.url} of a running test context to start another node on that
     * same database (same H2 in-memory database or PostgreSQL schema) instead of a fresh one; the node
     * still gets a data directory of its own.
     */
    public static final String SHARED_DATABASE = "depesche.test.shared-database-url";

    static final String POSTGRES_URL = System.getProperty("depesche.test.postgres.url",
            "jdbc:postgresql://127.0.0.1:5432/test");
    static final String POSTGRES_USER = System.getProperty("depesche.test.postgres.user", "postgres");
    private static final CopyOnWriteArrayList<String> SCHEMAS = new CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::dropSchemas));
    }

    public static boolean onPostgres() {
        return "postgres".equals(System.getProperty("depesche.test.db", "h2"));
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Map<String, Object> p = new HashMap<>();
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String shared = context.getEnvironment().getProperty(SHARED_DATABASE);
        if (shared != null) {
            p.put("spring.datasource.url", shared);
            p.put("spring.datasource.username", onPostgres() ? POSTGRES_USER : "sa");
            p.put("spring.datasource.password", "");
        } else if (onPostgres()) {
            String schema = "dp_test_" + id;
            createSchema(schema);
            p.put("spring.datasource.url", POSTGRES_URL + "?currentSchema=" + schema);
            p.put("spring.datasource.username", POSTGRES_USER);
            p.put("spring.datasource.password", "");
        } else {
            p.put("spring.datasource.url", "jdbc:h2:mem:test-" + id
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
            p.put("spring.datasource.username", "sa");
            p.put("spring.datasource.password", "");
        }
        try {
            p.put("depesche.data-dir", Files.createTempDirectory("depesche-test-").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!context.getEnvironment().containsProperty("depesche.demo-content")) {
            p.put("depesche.demo-content", "never");
        }
        p.put("depesche.admin.email", ADMIN_EMAIL);
        p.put("depesche.admin.password", ADMIN_PASSWORD);
        p.put("depesche.admin.api-token", ADMIN_TOKEN);
        p.put("depesche.scheduler.polling-interval", "500ms");
        p.put("depesche.mail.poll-interval", "300ms");
        p.put("depesche.mail.retry-delay", "1s");
        p.put("spring.mail.host", "127.0.0.1");
        p.put("spring.mail.port", String.valueOf(TestMail.port()));
        p.put("depesche.mail.from", "Depesche Test <redaktion@test.depesche.local>");
        // Tests post many comments from 127.0.0.1; the limits themselves are tested with other addresses.
        p.put("depesche.comments.per-network", "100000");
        p.put("depesche.comments.min-fill-time", "1s");
        p.put("depesche.subscriptions.dispatch-interval", "1s");
        if (!context.getEnvironment().containsProperty("depesche.subscriptions.requests-per-network")) {
            // unless a test class sets its own limit to test it
            p.put("depesche.subscriptions.requests-per-network", "100000");
        }
        if (!context.getEnvironment().containsProperty("depesche.page-cache.poll-interval")) {
            p.put("depesche.page-cache.poll-interval", "200ms");
        }
        p.put("spring.datasource.hikari.maximum-pool-size", "12");
        // Many contexts stay cached during a run; idle connections of each would exhaust PostgreSQL's limit.
        p.put("spring.datasource.hikari.minimum-idle", "1");
        p.put("spring.task.execution.simple.concurrency-limit", "4");
        // Tests assert on what the user sees; keep the logs readable.
        p.put("logging.level.org.springframework.security", "WARN");
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("depesche-test-database", p));
    }

    /**
     * A database of its own, empty and migrated, outside any application context: for tests of what
     * several nodes do at once on a fresh database. H2 in memory, or a new schema on the PostgreSQL run.
     */
    public static javax.sql.DataSource freshMigratedDatabase() {
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        org.springframework.jdbc.datasource.DriverManagerDataSource ds;
        if (onPostgres()) {
            String schema = "dp_test_" + id;
            createSchema(schema);
            ds = new org.springframework.jdbc.datasource.DriverManagerDataSource(POSTGRES_URL + "?currentSchema=" + schema,
                    POSTGRES_USER, "");
        } else {
            ds = new org.springframework.jdbc.datasource.DriverManagerDataSource("jdbc:h2:mem:fresh-" + id
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "");
        }
        org.flywaydb.core.Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        return ds;
    }

    private static void createSchema(String schema) {
        try (Connection c = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, "");
             Statement s = c.createStatement()) {
            s.execute("create schema " + schema);
            SCHEMAS.add(schema);
        } catch (SQLException e) {
            throw new IllegalStateException("The PostgreSQL run needs a PostgreSQL at " + POSTGRES_URL
                    + " (user " + POSTGRES_USER + ", trust auth). Start it with: pg_ctlcluster --skip-systemctl-redirect "
                    + "$(ls /etc/postgresql) main start", e);
        }
    }

    private static void dropSchemas() {
        if (SCHEMAS.isEmpty()) {
            return;
        }
        try (Connection c = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, "");
             Statement s = c.createStatement()) {
            s.execute("set lock_timeout = '5s'");
            for (String schema : SCHEMAS) {
                s.execute("drop schema if exists " + schema + " cascade");
            }
        } catch (SQLException e) {
            System.err.println("Could not drop test schemas " + SCHEMAS + ": " + e);
        }
    }

}
