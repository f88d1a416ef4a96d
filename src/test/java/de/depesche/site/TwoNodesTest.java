package de.depesche.site;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import de.depesche.DepescheApplication;
import de.depesche.article.ArticleManagement;
import de.depesche.article.ArticlePublished;
import de.depesche.support.StaffSession;
import de.depesche.support.TestDatabase;
import de.depesche.support.TestMail;
import jakarta.mail.internet.MimeMessage;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.event.TransactionalEventListener;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes of one site: two application contexts in this JVM, each with its own port, data directory
 * and search index, on the same database (the same H2 in-memory database, or the same PostgreSQL
 * schema on the PostgreSQL run). Both run the scheduler and send mail. The change-feed intervals are
 * the production defaults, so the printed times are what an operator would see.
 */
class TwoNodesTest {

    /** The production defaults (README): pages follow the change feed every second, the index every 5 s. */
    private static final String PAGE_CACHE_POLL = "1s";
    private static final String SEARCH_CATCH_UP = "5s";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static ConfigurableApplicationContext a;
    private static ConfigurableApplicationContext b;
    private static int portA;
    private static int portB;
    private static long migrationsBeforeB;
    private static String contentBeforeB;
    private static String contentAfterB;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    /** Every ArticlePublished that committed, on either node: "node:articleId". */
    static final List<String> PUBLISHED = new CopyOnWriteArrayList<>();

    @TestConfiguration(proxyBeanMethods = false)
    static class Witness {
        @Bean
        PublicationWitness publicationWitness(@Value("${depesche.test.node}") String node) {
            return new PublicationWitness(node);
        }
    }

    static class PublicationWitness {
        private final String node;

        PublicationWitness(String node) {
            this.node = node;
        }

        @TransactionalEventListener(fallbackExecution = true)
        void on(ArticlePublished event) {
            PUBLISHED.add(node + ":" + event.articleId());
        }
    }

    private static ConfigurableApplicationContext node(String name, String sharedDatabase) {
        SpringApplicationBuilder builder = new SpringApplicationBuilder(DepescheApplication.class, Witness.class)
                .properties("server.port=0",
                        "depesche.test.node=" + name,
                        "depesche.demo-content=always",
                        "depesche.page-cache.poll-interval=" + PAGE_CACHE_POLL,
                        "depesche.search.catch-up-interval=" + SEARCH_CATCH_UP,
                        "spring.main.banner-mode=off");
        if (sharedDatabase != null) {
            builder.properties(TestDatabase.SHARED_DATABASE + "=" + sharedDatabase);
        }
        return builder.run();
    }

    private static int port(ConfigurableApplicationContext node) {
        return Integer.parseInt(node.getEnvironment().getRequiredProperty("local.server.port"));
    }

    private static JdbcClient database() {
        return a.getBean(JdbcClient.class);
    }

    /** What the demo content and the first admin write: articles, categories, staff. */
    private static String content() {
        return database().sql("""
                select (select count(*) from article) || ' articles, ' || (select count(*) from category) || ' categories, '
                       || (select count(*) from staff_user) || ' staff'
                """).query(String.class).single();
    }

    @BeforeAll
    static void startTwoNodes() {
        a = node("A", null);
        portA = port(a);
        migrationsBeforeB = database().sql("select count(*) from flyway_schema_history").query(Long.class).single();
        contentBeforeB = content();
        b = node("B", a.getEnvironment().getRequiredProperty("spring.datasource.url"));
        portB = port(b);
        contentAfterB = content();
    }

    @AfterAll
    static void stopBoth() {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    @Test
    void theSecondNodeFindsTheDatabaseMigratedAndFilledAndAddsNothing() {
        assertThat(b.getEnvironment().getProperty("spring.datasource.url"))
                .isEqualTo(a.getEnvironment().getProperty("spring.datasource.url"));
        assertThat(b.getEnvironment().getProperty("depesche.data-dir"))
                .isNotEqualTo(a.getEnvironment().getProperty("depesche.data-dir"));
        JdbcClient db = database();
        // Flyway migrated once, on A; B found nothing to do.
        assertThat(db.sql("select count(*) from flyway_schema_history").query(Long.class).single()).isEqualTo(migrationsBeforeB);
        // One first admin and one demo editor, the demo content once (B found the database filled).
        assertThat(db.sql("select count(*) from staff_user where email = :e").param("e", TestDatabase.ADMIN_EMAIL)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(db.sql("select count(*) from staff_user where email = 'redaktion@depesche.local'").query(Long.class).single())
                .isEqualTo(1);
        assertThat(contentBeforeB).isEqualTo("10 articles, 4 categories, 2 staff");
        assertThat(contentAfterB).isEqualTo(contentBeforeB);
        // B's own index was built from the shared database: the demo articles are searchable there.
        String demoTitle = db.sql("select title from article order by id limit 1").query(String.class).single();
        String word = demoTitle.split("\\s+")[0];
        await().atMost(PATIENCE).until(() -> Jsoup.parse(get(portB, "/suche?q=" + enc(word)).body())
                .select("main").text().contains(demoTitle));
    }

    @Test
    void anArticlePublishedOnAIsOnBsHomePageSearchFeedsAndSitemapsWithinThePollInterval() throws Exception {
        String word = randomWord();
        String title = "Zwei Knoten melden " + word;
        String search = "/suche?q=" + word;
        // B has served (and cached) every page before A publishes.
        for (int i = 0; i < 2; i++) {
            for (String path : List.of("/", search, "/feed", "/feed/atom", "/feed.json", "/sitemap-news.xml", "/sitemap-articles-1.xml")) {
                assertThat(get(portB, path).statusCode()).as(path).isEqualTo(200);
            }
        }
        assertThat(get(portB, "/").body()).doesNotContain(title);

        HttpResponse<String> created = api(portA, "POST", "/api/v1/articles", """
                {"title": "%s", "dateline": "BONN", "lead": "Eine Meldung, die auf Knoten A erscheint.",
                 "body": "Der Text der Meldung %s, geschrieben auf Knoten A.", "categories": ["technik"],
                 "status": "published"}""".formatted(title, word));
        long published = System.nanoTime();
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode article = json.readTree(created.body());
        String slug = article.get("slug").asString();

        Map<String, Predicate<Void>> checks = new LinkedHashMap<>();
        checks.put("home", v -> Jsoup.parse(get(portB, "/").body()).select("main").text().contains(title));
        checks.put("search", v -> Jsoup.parse(get(portB, search).body()).select("main").text().contains(title));
        checks.put("rss feed", v -> get(portB, "/feed").body().contains(title));
        checks.put("atom feed", v -> get(portB, "/feed/atom").body().contains(title));
        checks.put("json feed", v -> get(portB, "/feed.json").body().contains(title));
        checks.put("news sitemap", v -> get(portB, "/sitemap-news.xml").body().contains("/" + slug + "<"));
        checks.put("article sitemap", v -> get(portB, "/sitemap-articles-1.xml").body().contains("/" + slug + "<"));
        checks.put("article page", v -> get(portB, "/" + slug).statusCode() == 200);
        Map<String, Long> seenAfter = new LinkedHashMap<>();
        long deadline = published + PATIENCE.toNanos();
        while (seenAfter.size() < checks.size() && System.nanoTime() < deadline) {
            for (var check : checks.entrySet()) {
                if (!seenAfter.containsKey(check.getKey()) && check.getValue().test(null)) {
                    seenAfter.put(check.getKey(), (System.nanoTime() - published) / 1_000_000);
                }
            }
            Thread.sleep(20);
        }
        seenAfter.forEach((what, ms) -> System.out.printf("two-node: %s visible on B after %d ms (page-cache poll %s, search catch-up %s, %s)%n",
                what, ms, PAGE_CACHE_POLL, SEARCH_CATCH_UP, TestDatabase.onPostgres() ? "PostgreSQL" : "H2"));
        assertThat(seenAfter.keySet()).as("what B showed within %s", PATIENCE).containsExactlyInAnyOrderElementsOf(checks.keySet());
    }

    @Test
    void aStaffSessionSignedInOnAWorksOnBAndSigningOutOnBEndsItOnA() {
        StaffSession onA = StaffSession.signedIn(portA, TestDatabase.ADMIN_EMAIL, TestDatabase.ADMIN_PASSWORD);
        assertThat(onA.cookie("SESSION")).isPresent();
        StaffSession onB = onA.at(portB);
        HttpResponse<String> dashboard = onB.get("/admin");
        assertThat(dashboard.statusCode()).isEqualTo(200);
        // A form on B with the CSRF token B rendered for the session A created: sessions and their tokens are shared.
        String category = "Knoten " + randomWord();
        onB.page("/admin/categories");
        HttpResponse<String> saved = onB.post("/admin/categories", Map.of("name", category, "description", ""));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        assertThat(onA.page("/admin/categories").select("input[name=name]").eachAttr("value")).contains(category);

        onB.page("/admin");
        assertThat(onB.post("/admin/logout", Map.of()).statusCode()).isEqualTo(302);
        HttpResponse<String> afterSignOut = onA.get("/admin");
        assertThat(afterSignOut.statusCode()).isEqualTo(302);
        assertThat(afterSignOut.headers().firstValue("Location").orElse("")).contains("/admin/login");
    }

    @Test
    void aScheduledArticleGoesLiveOnceWithOneNewsMailAndTheSignUpMailIsSentOnce() throws Exception {
        String email = "knoten-" + System.nanoTime() + "@example.org";
        HttpResponse<String> signUp = send(HttpRequest.newBuilder(URI.create(base(portB) + "/api/v1/subscriptions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"email": "%s", "kind": "category", "target": "cybersicherheit", "consent": true}""".formatted(email)))
                .build());
        assertThat(signUp.statusCode()).as(signUp.body()).isEqualTo(202);
        await().atMost(PATIENCE).until(() -> TestMail.to(email).size() >= 1);
        MimeMessage confirmation = TestMail.to(email).getFirst();
        Matcher link = Pattern.compile("/abo/bestaetigen/[A-Za-z0-9_-]+").matcher(TestMail.text(confirmation));
        assertThat(link.find()).isTrue();
        HttpResponse<String> confirmed = send(HttpRequest.newBuilder(URI.create(base(portA) + link.group()))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(confirmed.body()).contains("Ihr Abonnement ist aktiv");

        String title = "Geplant auf zwei Knoten " + randomWord();
        Instant at = Instant.now().plusSeconds(2);
        HttpResponse<String> scheduled = api(portA, "POST", "/api/v1/articles", """
                {"title": "%s", "dateline": "KIEL", "lead": "Geht zur geplanten Zeit live.",
                 "body": "Ein geplanter Text.", "categories": ["cybersicherheit"], "status": "scheduled", "publishAt": "%s"}"""
                .formatted(title, at));
        assertThat(scheduled.statusCode()).as(scheduled.body()).isEqualTo(201);
        long id = json.readTree(scheduled.body()).get("id").asLong();

        await().atMost(PATIENCE).until(() -> Jsoup.parse(get(portB, "/").body()).select("main").text().contains(title));
        await().atMost(PATIENCE).until(() -> TestMail.to(email).size() >= 2);
        // Both schedulers and both mail senders have polled many times since (500 ms and 300 ms in tests).
        Thread.sleep(4000);

        assertThat(PUBLISHED.stream().filter(p -> p.endsWith(":" + id)).toList()).as("ArticlePublished, by node").hasSize(1);
        JdbcClient db = database();
        assertThat(db.sql("select count(*) from article_revision where article_id = :id and changes = 'revision.published'")
                .param("id", id).query(Long.class).single()).isEqualTo(1);
        assertThat(db.sql("select count(*) from subscription_delivery where article_id = :id").param("id", id)
                .query(Long.class).single()).isEqualTo(1);
        List<MimeMessage> mails = TestMail.to(email);
        assertThat(mails).as("the confirmation and one news mail").hasSize(2);
        assertThat(TestMail.text(mails.get(1))).contains(title);
    }

    @Test
    void aCommentPostedOnBAndApprovedOnAAppearsOnBoth() throws Exception {
        String title = "Kommentiert auf zwei Knoten " + randomWord();
        HttpResponse<String> created = api(portA, "POST", "/api/v1/articles", """
                {"title": "%s", "dateline": "MAINZ", "lead": "Zum Kommentieren.", "body": "Ein Text.",
                 "categories": ["technik"], "status": "published"}""".formatted(title));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String path = "/" + json.readTree(created.body()).get("slug").asString();
        await().atMost(PATIENCE).until(() -> get(portB, path).statusCode() == 200);

        StaffSession reader = new StaffSession(portB);
        Document page = reader.page(path);
        String text = "Ein Beitrag über Knoten " + randomWord();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("article", page.select("form.comment-form input[name=article]").val());
        form.put("token", page.select("form.comment-form input[name=token]").val());
        form.put("name", "Lena Leserin");
        form.put("email", "lena-" + System.nanoTime() + "@example.org");
        form.put("text", text);
        form.put("consent", "true");
        form.put("website", "");
        Thread.sleep(1100); // the form's minimum fill-in time in tests
        HttpResponse<String> sent = reader.post("/kommentare", form, false);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(302);
        String location = sent.headers().firstValue("Location").orElseThrow();
        long id = Long.parseLong(location.substring(location.lastIndexOf('-') + 1));
        assertThat(get(portA, path).body()).doesNotContain(text);
        assertThat(get(portB, path).body()).doesNotContain(text);

        StaffSession moderator = StaffSession.signedIn(portA, TestDatabase.ADMIN_EMAIL, TestDatabase.ADMIN_PASSWORD);
        assertThat(moderator.page("/admin/moderation?sort=oldest").text()).contains(text);
        HttpResponse<String> approved = moderator.post("/admin/moderation", Map.of("single", "approve:" + id, "sort", "oldest"));
        long decided = System.nanoTime();
        assertThat(approved.statusCode()).isEqualTo(302);

        assertThat(Jsoup.parse(get(portA, path).body()).select("#kommentar-" + id + " .comment-text").text()).isEqualTo(text);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).until(() ->
                Jsoup.parse(get(portB, path).body()).select("#kommentar-" + id + " .comment-text").text().equals(text));
        System.out.printf("two-node: comment approved on A visible on B after %d ms (page-cache poll %s, %s)%n",
                (System.nanoTime() - decided) / 1_000_000, PAGE_CACHE_POLL, TestDatabase.onPostgres() ? "PostgreSQL" : "H2");
        assertThat(Jsoup.parse(get(portB, path).body()).select("#kommentare h2").text()).isEqualTo("Kommentare (1)");
    }

    // --- HTTP ----------------------------------------------------------------------------------------

    private static String base(int port) {
        return "http://localhost:" + port;
    }

    private HttpResponse<String> get(int port, String path) {
        return send(HttpRequest.newBuilder(URI.create(base(port) + path)).GET().build());
    }

    private HttpResponse<String> api(int port, String method, String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(base(port) + path))
                .header("Authorization", "Bearer " + TestDatabase.ADMIN_TOKEN)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException("request failed: " + request, e);
        }
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A word no article has, so that a search for it finds only the article of the test. */
    private static String randomWord() {
        StringBuilder sb = new StringBuilder("Knotenwort");
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < 8; i++) {
            sb.append((char) ('a' + random.nextInt(26)));
        }
        return sb.toString();
    }
}
