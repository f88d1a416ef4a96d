package de.depesche.account;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import de.depesche.site.SiteChanges;
import de.depesche.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/** Two nodes of a new cluster start at the same moment on an empty database. */
class FirstAdminTest {

    private static FirstAdmin node(DataSource database) {
        return node(database, "cluster-admin-password");
    }

    private static FirstAdmin node(DataSource database, String password) {
        JdbcClient jdbc = JdbcClient.create(database);
        Clock clock = Clock.systemUTC();
        AccountManagement accounts = new AccountManagement(new JdbcStaffRepository(jdbc), new JdbcApiTokenRepository(jdbc),
                new SecurityConfiguration().passwordEncoder(), new AuditLog(jdbc, clock), Mockito.mock(SiteChanges.class),
                event -> { }, clock);
        AccountProperties properties = new AccountProperties(
                new AccountProperties.Admin("admin@cluster.depesche.local", password, "dp_cluster_token_0123456789abcdef"),
                new AccountProperties.Login(5, java.time.Duration.ofMinutes(15), java.time.Duration.ofHours(12)));
        return new FirstAdmin(accounts, properties, new DataSourceTransactionManager(database));
    }

    @Test
    void twoNodesStartingTogetherCreateOneAdminAndBothStart() throws Exception {
        DataSource database = TestDatabase.freshMigratedDatabase();
        List<FirstAdmin> nodes = List.of(node(database), node(database));
        CyclicBarrier together = new CyclicBarrier(nodes.size());
        ExecutorService starts = Executors.newFixedThreadPool(nodes.size());
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (FirstAdmin node : nodes) {
                results.add(starts.submit(() -> {
                    together.await();
                    return node.createIfEmpty();
                }));
            }
            List<Boolean> created = new ArrayList<>();
            for (Future<Boolean> result : results) {
                created.add(result.get());
            }
            assertThat(created).containsExactlyInAnyOrder(true, false);
        } finally {
            starts.shutdownNow();
        }
        JdbcClient jdbc = JdbcClient.create(database);
        assertThat(jdbc.sql("select count(*) from staff_user").query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select email from staff_user").query(String.class).single()).isEqualTo("admin@cluster.depesche.local");
        assertThat(jdbc.sql("select count(*) from api_token").query(Long.class).single()).isEqualTo(1);
        // A third node starting later finds the admin and changes nothing.
        assertThat(node(database).createIfEmpty()).isFalse();
    }

    @Test
    void aGeneratedPasswordIsPrintedOnTheConsoleOnceAndNeverLogged() {
        DataSource database = TestDatabase.freshMigratedDatabase();
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged = new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        root.addAppender(logged);
        java.io.PrintStream console = System.out;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertThat(node(database, null).createIfEmpty()).isTrue();
        } finally {
            System.setOut(console);
            root.detachAppender(logged);
        }
        String out = printed.toString(java.nio.charset.StandardCharsets.UTF_8);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Passwort: (\\S+)").matcher(out);
        assertThat(m.find()).as("password printed on the console: " + out).isTrue();
        String password = m.group(1);
        assertThat(m.find()).as("printed once").isFalse();
        assertThat(logged.list).isNotEmpty();
        assertThat(logged.list).allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain(password));
        String hash = JdbcClient.create(database).sql("select password_hash from staff_user").query(String.class).single();
        assertThat(new SecurityConfiguration().passwordEncoder().matches(password, hash)).isTrue();
    }
}
