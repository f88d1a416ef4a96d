package de.depesche.site;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.util.PropertyPlaceholderHelper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded database as Depesche opens it by default (the URL in application.properties) keeps
 * what it committed when the process is killed: a writer in a JVM of its own reports every commit,
 * gets SIGKILL mid-stream, and every reported row must be in the file afterwards. (With H2's default
 * write delay the last second of commits was lost; bench/crash-safety.sh found it with comments.)
 */
class EmbeddedDatabaseCrashTest {

    /** The default spring.datasource.url, resolved as it would be without DEPESCHE_DB_URL. */
    static String defaultUrl(Path dataDir) throws Exception {
        Properties properties = new Properties();
        try (InputStream in = EmbeddedDatabaseCrashTest.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        return new PropertyPlaceholderHelper("${", "}", ":", null, true).replacePlaceholders(
                properties.getProperty("spring.datasource.url"),
                name -> name.equals("depesche.data-dir") ? dataDir.toString() : null);
    }

    @Test
    void everyCommitAWriterReportedIsThereAfterItWasKilled() throws Exception {
        Path dataDir = Files.createTempDirectory("depesche-crash-");
        String url = defaultUrl(dataDir);
        assertThat(url).startsWith("jdbc:h2:file:" + dataDir);

        Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Writer.class.getName(), url)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Set<Long> reported = new HashSet<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (reported.size() < 400 && (line = out.readLine()) != null) {
                reported.add(Long.parseLong(line));
            }
            // SIGKILL (through the handle, which leaves its output readable): no shutdown hook, no close of the database
            writer.toHandle().destroyForcibly();
            assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
            // Lines the writer printed before it died were reported too.
            while ((line = out.readLine()) != null) {
                reported.add(Long.parseLong(line));
            }
        }
        assertThat(reported).hasSizeGreaterThanOrEqualTo(400);

        Set<Long> stored = new HashSet<>();
        try (Connection c = DriverManager.getConnection(url, "sa", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select id from acknowledged")) {
            while (rs.next()) {
                stored.add(rs.getLong(1));
            }
        }
        Set<Long> missing = new HashSet<>(reported);
        missing.removeAll(stored);
        assertThat(missing).as("committed and reported, lost with the process").isEmpty();
    }

    /** Inserts rows one committed transaction at a time and prints each id once its commit returned. */
    public static final class Writer {
        public static void main(String[] args) throws Exception {
            try (Connection c = DriverManager.getConnection(args[0], "sa", "")) {
                try (Statement s = c.createStatement()) {
                    s.execute("create table acknowledged (id bigint primary key, text varchar(200))");
                }
                try (PreparedStatement insert = c.prepareStatement("insert into acknowledged values (?, ?)")) {
                    for (long id = 1; ; id++) {
                        insert.setLong(1, id);
                        insert.setString(2, "Kommentar Nummer " + id);
                        insert.executeUpdate(); // auto-commit: one transaction per row, like one comment per request
                        System.out.println(id);
                        System.out.flush();
                    }
                }
            }
        }
    }
}
