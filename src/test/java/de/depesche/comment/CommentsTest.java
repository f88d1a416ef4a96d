package de.depesche.comment;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import de.depesche.account.AuditLog;
import de.depesche.article.Article;
import de.depesche.article.ArticleManagement;
import de.depesche.site.InvalidInput;
import de.depesche.site.SiteChanges;
import de.depesche.site.SiteSecrets;
import de.depesche.support.IntegrationTest;
import de.depesche.support.StaffSession;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommentsTest extends IntegrationTest {

    @Autowired
    CommentManagement comments;

    @Autowired
    JdbcCommentRepository repository;

    @Autowired
    ArticleManagement articles;

    @Autowired
    List<SubmissionGuard> guards;

    @Autowired
    CommentMails mails;

    @Autowired
    SiteSecrets secrets;

    @Autowired
    SiteChanges changes;

    @Autowired
    AuditLog audit;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    Clock clock;

    /** A reader's browser: opens the article, waits like a person, sends the comment form. */
    private HttpResponse<String> comment(StaffSession reader, Article article, Map<String, String> overrides) {
        Document page = reader.page(article.path());
        Map<String, String> form = new LinkedHashMap<>();
        form.put("article", page.select("form.comment-form input[name=article]").val());
        form.put("token", page.select("form.comment-form input[name=token]").val());
        form.put("name", "Lena Leserin");
        form.put("email", "lena-" + System.nanoTime() + "@example.org");
        form.put("text", "Ein sachlicher Beitrag zum Thema " + System.nanoTime());
        form.put("consent", "true");
        form.put("website", "");
        form.putAll(overrides);
        pause(Duration.ofMillis(1100));
        return reader.post("/kommentare", form, false);
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aNewCommentIsPendingVisibleOnlyToItsAuthorUntilApproved() {
        Article article = data.published(unique("Kommentierbar"));
        StaffSession author = new StaffSession(port);
        HttpResponse<String> sent = comment(author, article, Map.of("text", "Mein erster Kommentar zur Meldung."));

        assertThat(sent.statusCode()).isEqualTo(302);
        String location = sent.headers().firstValue("Location").orElseThrow();
        assertThat(location).contains(article.path() + "#kommentar-");
        assertThat(sent.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("depesche-private-comments="));
        long id = Long.parseLong(location.substring(location.lastIndexOf('-') + 1));

        Document own = author.page(article.path());
        assertThat(own.select("#kommentar-" + id + " .comment-badge").text()).contains("wartet auf Freischaltung");
        Document stranger = Jsoup.parse(get(article.path()).body());
        assertThat(stranger.select("#kommentar-" + id)).isEmpty();
        assertThat(stranger.select("#kommentare h2").text()).isEqualTo("Kommentare (0)");

        comments.approve(id, data.admin());
        Document after = Jsoup.parse(get(article.path()).body());
        assertThat(after.select("#kommentar-" + id + " .comment-text").text()).isEqualTo("Mein erster Kommentar zur Meldung.");
        assertThat(after.select("#kommentar-" + id + " .comment-badge")).isEmpty();
        assertThat(after.select("#kommentare h2").text()).isEqualTo("Kommentare (1)");
        assertThat(after.text()).doesNotContain("@example.org");
    }

    @Test
    void htmlAndScriptInNamesAndTextsStayInert() {
        Article article = data.published(unique("Skriptversuch"));
        HttpResponse<String> sent = comment(new StaffSession(port), article, Map.of(
                "name", "<img src=x onerror=alert(1)>", "text", "<script>alert('x')</script> und <b>fett</b>"));
        long id = idOf(sent);
        comments.approve(id, data.admin());
        String html = get(article.path()).body();
        assertThat(html).doesNotContain("<script>alert('x')</script>", "<img src=x");
        Document page = Jsoup.parse(html);
        assertThat(page.select("#kommentar-" + id + " .comment-author").text()).isEqualTo("<img src=x onerror=alert(1)>");
        assertThat(page.select("#kommentar-" + id + " .comment-text").text()).isEqualTo("<script>alert('x')</script> und <b>fett</b>");
    }

    @Test
    void refusedSubmissionsSayWhyAndKeepWhatTheReaderTyped() {
        Article article = data.published(unique("Fehleingaben"));
        StaffSession reader = new StaffSession(port);
        HttpResponse<String> bad = comment(reader, article, Map.of("name", "", "email", "keine adresse",
                "text", "Mein wichtiger Gedanke", "consent", ""));
        assertThat(bad.statusCode()).isEqualTo(422);
        Document page = Jsoup.parse(bad.body());
        assertThat(page.select(".problems li").eachText()).contains("Bitte ausfüllen.", "Bitte eine gültige E-Mail-Adresse angeben.",
                "Bitte stimmen Sie der Speicherung zu, sonst können wir den Kommentar nicht annehmen.");
        assertThat(page.select("textarea[name=text]").val()).isEqualTo("Mein wichtiger Gedanke");
        assertThat(page.select("input[name=email]").val()).isEqualTo("keine adresse");
        assertThat(page.select("input[name=token]").val()).as("a fresh token to try again").isNotBlank();

        HttpResponse<String> huge = comment(reader, article, Map.of("text", "x".repeat(1_000_000), "name", "Lena Lang"));
        assertThat(huge.statusCode()).isEqualTo(422);
        Document hugePage = Jsoup.parse(huge.body());
        assertThat(hugePage.select(".problems li").eachText())
                .containsExactly("Der Kommentar ist mit 1000000 Zeichen zu lang (höchstens 5000).");
        assertThat(hugePage.select("input[name=name]").val()).isEqualTo("Lena Lang");
        assertThat(hugePage.select("textarea[name=text]").val()).hasSize(1_000_000);

        // Six megabytes of umlauts are more than the form takes: the beginning is kept, the rest was never read.
        HttpResponse<String> huger = comment(reader, article, Map.of("text", "ä".repeat(1_000_000), "name", "Lena Länger"));
        assertThat(huger.statusCode()).isEqualTo(422);
        Document hugerPage = Jsoup.parse(huger.body());
        assertThat(hugerPage.select(".problems li").eachText()).singleElement().asString()
                .startsWith("Der Kommentar ist viel zu lang").contains("höchstens 5000 Zeichen");
        assertThat(hugerPage.select("textarea[name=text]").val()).isEqualTo("ä".repeat(5000));
        assertThat(hugerPage.select("input[name=name]").val()).isEqualTo("Lena Länger");
        HttpResponse<String> honeypot = comment(reader, article, Map.of("website", "https://spam.example"));
        assertThat(honeypot.statusCode()).isEqualTo(422);
        assertThat(Jsoup.parse(honeypot.body()).select(".problems li").text()).contains("leer lassen");
    }

    @Test
    void forgedTooFastAndReplayedFormsAreRefused() {
        Article article = data.published(unique("Formular"));
        StaffSession reader = new StaffSession(port);
        assertThat(comment(reader, article, Map.of("token", "1.abc.def")).statusCode()).isEqualTo(400);

        Document page = reader.page(article.path());
        Map<String, String> form = new LinkedHashMap<>(Map.of("article", String.valueOf(article.id()),
                "token", page.select("input[name=token]").val(), "name", "Bot", "email", "bot@example.org",
                "text", "Sofort abgeschickt", "consent", "true"));
        HttpResponse<String> fast = reader.post("/kommentare", form, false);
        assertThat(fast.statusCode()).isEqualTo(422);
        assertThat(Jsoup.parse(fast.body()).select(".problems li").text()).contains("sehr schnell");
        assertThat(Jsoup.parse(fast.body()).select("textarea[name=text]").val()).isEqualTo("Sofort abgeschickt");

        HttpResponse<String> first = comment(reader, article, Map.of("text", "Einmal reicht"));
        assertThat(first.statusCode()).isEqualTo(302);
        Document again = reader.page(article.path());
        String token = again.select("input[name=token]").val();
        pause(Duration.ofMillis(1100));
        Map<String, String> replay = new LinkedHashMap<>(Map.of("article", String.valueOf(article.id()), "token", token,
                "name", "Lena", "email", "replay-" + System.nanoTime() + "@example.org", "text", "Erster Versuch", "consent", "true"));
        assertThat(reader.post("/kommentare", replay, false).statusCode()).isEqualTo(302);
        replay.put("text", "Zweiter Versuch mit demselben Formular");
        HttpResponse<String> replayed = reader.post("/kommentare", replay, false);
        assertThat(replayed.statusCode()).isEqualTo(422);
        assertThat(Jsoup.parse(replayed.body()).select(".problems li").text()).contains("schon abgeschickt");
    }

    @Test
    void cachedPagesGiveEveryReaderAFreshTokenPlainAndGzipped() throws Exception {
        Article article = data.published(unique("Token im Cache"));
        String first = Jsoup.parse(get(article.path()).body()).select("input[name=token]").val();
        String second = Jsoup.parse(get(article.path()).body()).select("input[name=token]").val();
        assertThat(first).isNotBlank().isNotEqualTo(second).doesNotContain("dp-form-token");
        HttpResponse<byte[]> zipped = http.send(HttpRequest.newBuilder(URI.create(url(article.path())))
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        String html = new String(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(zipped.body())).readAllBytes(),
                StandardCharsets.UTF_8);
        String third = Jsoup.parse(html).select("input[name=token]").val();
        assertThat(third).isNotBlank().isNotEqualTo(second).doesNotContain("dp-form-token");
        assertThat(Jsoup.parse(html).select("h1").text()).isEqualTo(article.title());
    }

    @Test
    void commentsOnUnpublishedOrUnknownArticlesAreRefused() {
        Article article = data.published(unique("Bald weg"));
        StaffSession reader = new StaffSession(port);
        Document page = reader.page(article.path());
        String token = page.select("input[name=token]").val();
        articles.unpublish(article.id(), data.admin());
        pause(Duration.ofMillis(1100));
        HttpResponse<String> r = reader.post("/kommentare", Map.of("article", String.valueOf(article.id()), "token", token,
                "name", "Lena", "email", "lena@example.org", "text", "Zu spät", "consent", "true"), false);
        assertThat(r.statusCode()).isEqualTo(404);
        Document answer = Jsoup.parse(r.body());
        assertThat(answer.select(".problems li").eachText()).containsExactly("Dieser Artikel ist nicht für Kommentare geöffnet: "
                + "Es gibt ihn nicht (mehr), oder er ist nicht veröffentlicht. Ihr Kommentar wurde nicht gespeichert.");
        assertThat(answer.select("textarea#comment-text-kept").val()).as("the text to copy").isEqualTo("Zu spät");
        assertThat(answer.select("form.comment-form")).isEmpty();
        assertThat(answer.select("html").attr("lang")).isEqualTo("de");

        for (String unknown : List.of("abc", "999999999", "")) {
            HttpResponse<String> other = reader.post("/kommentare", Map.of("article", unknown, "text", "Irgendwohin"), false);
            assertThat(other.statusCode()).isEqualTo(404);
            assertThat(Jsoup.parse(other.body()).select(".problems li").text()).startsWith("Dieser Artikel ist nicht für Kommentare geöffnet");
        }
    }

    @Test
    void invalidUtf8InTheFormIsRefusedClearlyAndEveryIntactFieldComesBack() {
        Article article = data.published(unique("Kodierung"));
        StaffSession reader = new StaffSession(port);
        Document page = reader.page(article.path());
        pause(Duration.ofMillis(1100));
        String email = "lena-" + System.nanoTime() + "@example.org";
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("article=" + article.id() + "&token=" + page.select("input[name=token]").val()
                + "&name=Lena+K%C3%B6hler&text=").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(new byte[] {'G', 'r', (byte) 0xC3, 0x28, 'x'});
        body.writeBytes(("&email=" + email + "&notify=true&consent=true").getBytes(StandardCharsets.US_ASCII));
        HttpResponse<String> r = reader.send(HttpRequest.newBuilder(URI.create(url("/kommentare")))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
        assertThat(r.statusCode()).isEqualTo(422);
        Document answer = Jsoup.parse(r.body());
        assertThat(answer.select(".problems li").eachText())
                .containsExactly("Enthält ungültige Zeichen (wahrscheinlich falsch kodiert). Bitte den Text als UTF-8 einfügen.");
        assertThat(answer.select("textarea[name=text]").val()).isEqualTo("Gr\uFFFD(x");
        assertThat(answer.select("input[name=name]").val()).isEqualTo("Lena Köhler");
        assertThat(answer.select("input[name=email]").val()).as("a field after the broken one").isEqualTo(email);
        assertThat(answer.select("input[name=notify]").hasAttr("checked")).isTrue();
        assertThat(answer.select("input[name=consent]").hasAttr("checked")).isTrue();
        assertThat(answer.select("input[name=token]").val()).isNotBlank();

        // The same text, repaired, goes through with the form as it came back.
        Map<String, String> again = new LinkedHashMap<>();
        again.put("article", String.valueOf(article.id()));
        again.put("token", answer.select("input[name=token]").val());
        again.put("name", answer.select("input[name=name]").val());
        again.put("email", answer.select("input[name=email]").val());
        again.put("text", "Grüße");
        again.put("consent", "true");
        pause(Duration.ofMillis(1100));
        assertThat(reader.post("/kommentare", again, false).statusCode()).isEqualTo(302);
    }

    @Test
    void aBadEscapeInAFieldIsAnEncodingProblemToo() {
        Article article = data.published(unique("Escape"));
        StaffSession reader = new StaffSession(port);
        Document page = reader.page(article.path());
        pause(Duration.ofMillis(1100));
        String body = "article=" + article.id() + "&token=" + page.select("input[name=token]").val()
                + "&name=Ida%G1&email=ida-" + System.nanoTime() + "@example.org&text=Ein+Text&consent=true";
        HttpResponse<String> r = reader.send(HttpRequest.newBuilder(URI.create(url("/kommentare")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(r.statusCode()).isEqualTo(422);
        Document answer = Jsoup.parse(r.body());
        assertThat(answer.select(".problems li").text()).contains("ungültige Zeichen");
        assertThat(answer.select("textarea[name=text]").val()).isEqualTo("Ein Text");
    }

    @Test
    void repliesJoinTheThreadOfTheTopLevelCommentAndNeedAVisibleParent() {
        Article article = data.published(unique("Thread"));
        Comment root = comments.submit(new CommentSubmission(article.id(), null, "Anna", "anna-" + System.nanoTime() + "@example.org",
                "Erster Gedanke", false, true), "192.0.2.10");
        assertThatThrownBy(() -> comments.submit(new CommentSubmission(article.id(), root.id(), "Ben", "ben@example.org",
                "Antwort auf Wartendes", false, true), "192.0.2.11"))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("comment.parent.unknown");
        comments.approve(root.id(), data.admin());
        Comment reply = comments.submit(new CommentSubmission(article.id(), root.id(), "Ben", "ben-" + System.nanoTime() + "@example.org",
                "Eine Antwort", false, true), "192.0.2.11");
        comments.approve(reply.id(), data.admin());
        Comment deep = comments.submit(new CommentSubmission(article.id(), reply.id(), "Cem", "cem-" + System.nanoTime() + "@example.org",
                "Antwort auf die Antwort", false, true), "192.0.2.12");
        assertThat(deep.parentId()).isEqualTo(root.id());
        comments.approve(deep.id(), data.admin());
        List<CommentThread> threads = comments.threads(article.id());
        assertThat(threads).hasSize(1);
        assertThat(threads.getFirst().replies()).extracting(Comment::id).containsExactly(reply.id(), deep.id());
        Document page = Jsoup.parse(get(article.path()).body());
        assertThat(page.select("#kommentar-" + root.id() + " ~ .comment-replies .comment")).hasSize(2);
        assertThat(get("/kommentare/" + root.id() + "/antworten").statusCode()).isEqualTo(200);
        assertThat(get("/kommentare/999999999/antworten").statusCode()).isEqualTo(404);
        assertThatThrownBy(() -> comments.submit(new CommentSubmission(article.id(), 999_999_999L, "Dora", "dora@example.org",
                "Ins Leere", false, true), "192.0.2.13")).isInstanceOf(InvalidInput.class);
    }

    @Test
    void duplicatesAndFloodsAreRefused() {
        Article article = data.published(unique("Flut"));
        String email = "flut-" + System.nanoTime() + "@example.org";
        String spam = "Kaufen Sie jetzt! Die besten Uhren zum halben Preis, nur heute und nur bei uns im Laden um die Ecke.";
        comments.submit(new CommentSubmission(article.id(), null, "Flo", email, spam, false, true), "198.51.100.1");
        assertThatThrownBy(() -> comments.submit(new CommentSubmission(article.id(), null, "Flo 2", "other-" + System.nanoTime() + "@example.org",
                "  " + spam.toUpperCase() + "  ", false, true), "198.51.100.2"))
                .as("a long text copied by another sender under the same article")
                .isInstanceOf(InvalidInput.class).hasMessageContaining("comment.duplicate");
        comments.submit(new CommentSubmission(article.id(), null, "Flo", email, "Zweiter Text", false, true), "198.51.100.1");
        comments.submit(new CommentSubmission(article.id(), null, "Flo", email, "Dritter Text", false, true), "198.51.100.1");
        assertThatThrownBy(() -> comments.submit(new CommentSubmission(article.id(), null, "Flo", email, "Vierter Text", false, true),
                "198.51.100.3")).isInstanceOf(CommentManagement.RateLimited.class).hasMessageContaining("comment.rate.email");

        CommentProperties strict = new CommentProperties(5000, Duration.ofSeconds(1), Duration.ofHours(24), 2, 100,
                Duration.ofMinutes(10), "test", Duration.ofDays(7), 0, Duration.ofSeconds(15));
        CommentManagement limited = new CommentManagement(repository, articles, guards, mails, secrets, changes, audit, events,
                strict, clock);
        String network = "203.0.113." + (System.nanoTime() % 200);
        limited.submit(new CommentSubmission(article.id(), null, "Netz", "n1-" + System.nanoTime() + "@example.org", "Eins " + network, false, true), network);
        limited.submit(new CommentSubmission(article.id(), null, "Netz", "n2-" + System.nanoTime() + "@example.org", "Zwei " + network, false, true), network);
        assertThatThrownBy(() -> limited.submit(new CommentSubmission(article.id(), null, "Netz", "n3-" + System.nanoTime() + "@example.org",
                "Drei " + network, false, true), network))
                .isInstanceOf(CommentManagement.RateLimited.class).hasMessageContaining("comment.rate.network");
    }

    @Test
    void onlyASaltedHashOfTheNetworkIsStored() {
        Article article = data.published(unique("Datensparsam"));
        Comment c = comments.submit(new CommentSubmission(article.id(), null, "Ida", "ida-" + System.nanoTime() + "@example.org",
                "Ein Kommentar", false, true), "203.0.113.77");
        assertThat(c.networkHash()).doesNotContain("203.0.113").hasSize(32);
        assertThat(c.networkHash()).isEqualTo(secrets.networkHash("203.0.113.77"));
        assertThat(secrets.networkHash("2001:db8::1")).as("one /64, two spellings").isEqualTo(secrets.networkHash("2001:db8:0:0::2"));
        assertThat(secrets.networkHash("2001:db8:0:1::1")).isNotEqualTo(secrets.networkHash("2001:db8::1"));
    }

    private static long idOf(HttpResponse<String> sent) {
        String location = sent.headers().firstValue("Location").orElseThrow(() -> new AssertionError(sent.statusCode() + " " + sent.body()));
        return Long.parseLong(location.substring(location.lastIndexOf('-') + 1));
    }

    @Test
    void theCountInTheHeadingIsTheNumberOfCommentsShown() {
        Article article = data.published(unique("Gezählt"));
        Comment root = comments.submit(new CommentSubmission(article.id(), null, "Rita", "rita-" + System.nanoTime() + "@example.org",
                "Ein Beitrag, der später abgelehnt wird", false, true), "192.0.2.20");
        comments.approve(root.id(), data.admin());
        Comment reply = comments.submit(new CommentSubmission(article.id(), root.id(), "Sven", "sven-" + System.nanoTime() + "@example.org",
                "Eine Antwort darauf", false, true), "192.0.2.21");
        comments.approve(reply.id(), data.admin());
        Comment other = comments.submit(new CommentSubmission(article.id(), null, "Tina", "tina-" + System.nanoTime() + "@example.org",
                "Ein Beitrag, der bleibt", false, true), "192.0.2.22");
        comments.approve(other.id(), data.admin());
        Document before = Jsoup.parse(get(article.path()).body());
        assertThat(before.select("#kommentare h2").text()).isEqualTo("Kommentare (3)");
        assertThat(before.select("#kommentare .comment")).hasSize(3);

        comments.reject(root.id(), RejectionReason.OFF_TOPIC, data.admin());
        Document after = Jsoup.parse(get(article.path()).body());
        assertThat(after.select("#kommentare .comment")).extracting(e -> e.id()).containsExactly(other.anchor());
        assertThat(after.select("#kommentare h2").text()).isEqualTo("Kommentare (1)");
        assertThat(comments.findAllApproved(article.id())).extracting(Comment::id).containsExactly(other.id());
    }

    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;

    /** Submits in parallel, each in its own transaction as the web layer does; returns how many got through. */
    private long parallel(CommentManagement limited, List<CommentSubmission> submissions, java.util.function.IntFunction<String> address)
            throws Exception {
        org.springframework.transaction.support.TransactionTemplate tx =
                new org.springframework.transaction.support.TransactionTemplate(transactions);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(submissions.size())) {
            for (int i = 0; i < submissions.size(); i++) {
                CommentSubmission s = submissions.get(i);
                String from = address.apply(i);
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        tx.executeWithoutResult(status -> limited.submit(s, from));
                        return true;
                    } catch (CommentManagement.RateLimited e) {
                        return false;
                    }
                }));
            }
            start.countDown();
            long accepted = 0;
            for (var r : results) {
                accepted += r.get() ? 1 : 0;
            }
            return accepted;
        }
    }

    @Test
    void parallelCommentsFromOneNetworkOrAddressGetExactlyTheLimitThrough() throws Exception {
        Article article = data.published(unique("Ansturm"));
        CommentProperties strict = new CommentProperties(5000, Duration.ofSeconds(1), Duration.ofHours(24), 3, 2,
                Duration.ofMinutes(10), "test", Duration.ofDays(7), 0, Duration.ofSeconds(15));
        CommentManagement limited = new CommentManagement(repository, articles, guards, mails, secrets, changes, audit, events,
                strict, clock);
        String run = Long.toString(System.nanoTime(), 36);
        List<CommentSubmission> fromOneNetwork = java.util.stream.IntStream.range(0, 12)
                .mapToObj(i -> new CommentSubmission(article.id(), null, "Welle " + i, "welle-" + i + "-" + run + "@example.org",
                        "Beitrag Nummer " + i + " der Welle " + run, false, true)).toList();
        String network = "2001:db8:" + Long.toHexString(System.nanoTime() & 0xffff) + "::";
        assertThat(parallel(limited, fromOneNetwork, i -> network + (i + 1))).isEqualTo(3);

        List<CommentSubmission> fromOneAddress = java.util.stream.IntStream.range(0, 10)
                .mapToObj(i -> new CommentSubmission(article.id(), null, "Adresse " + i, "adresse-" + run + "@example.org",
                        "Eine Zuschrift Nummer " + i + " der Serie " + run, false, true)).toList();
        assertThat(parallel(limited, fromOneAddress, i -> "198.18." + (i + 1) + "." + (System.nanoTime() % 250))).isEqualTo(2);
    }

    @Test
    void shortTextsAreDuplicatesOnlyFromTheSameAuthorUnderTheSameArticle() {
        Article article = data.published(unique("Danke"));
        Article other = data.published(unique("Auch danke"));
        String anna = "anna-" + System.nanoTime() + "@example.org";
        comments.submit(new CommentSubmission(article.id(), null, "Anna", anna, "Danke!", false, true), "198.51.100.40");
        Comment ben = comments.submit(new CommentSubmission(article.id(), null, "Ben", "ben-" + System.nanoTime() + "@example.org",
                "danke!", false, true), "198.51.100.41");
        assertThat(ben.status()).as("a second reader may say the same").isEqualTo(CommentStatus.PENDING);
        assertThatThrownBy(() -> comments.submit(new CommentSubmission(article.id(), null, "Anna", anna, "Danke!", false, true),
                "198.51.100.42")).as("the same address twice").isInstanceOf(InvalidInput.class).hasMessageContaining("comment.duplicate");
        assertThatThrownBy(() -> comments.submit(new CommentSubmission(article.id(), null, "Anna B.", "anna-b-" + System.nanoTime() + "@example.org",
                "Danke!", false, true), "198.51.100.40")).as("the same network twice").isInstanceOf(InvalidInput.class)
                .hasMessageContaining("comment.duplicate");
        comments.submit(new CommentSubmission(other.id(), null, "Anna", anna, "Danke!", false, true), "198.51.100.40");

        String copy = "Dieser lange Text kommt von einem Absender, der ihn unter jeden Artikel setzt, den er finden kann – immer gleich.";
        String sender = "kopie-" + System.nanoTime() + "@example.org";
        comments.submit(new CommentSubmission(article.id(), null, "Kopie", sender, copy, false, true), "198.51.100.43");
        assertThatThrownBy(() -> comments.submit(new CommentSubmission(other.id(), null, "Kopie", sender, copy, false, true),
                "198.51.100.44")).as("a long text from the same sender under another article").isInstanceOf(InvalidInput.class)
                .hasMessageContaining("comment.duplicate");
    }

    @Test
    void tooManyCommentsFromOneAddressAnswer429AndKeepTheText() {
        Article article = data.published(unique("Vielschreiber"));
        StaffSession reader = new StaffSession(port);
        String email = "viel-" + System.nanoTime() + "@example.org";
        for (int i = 1; i <= 3; i++) {
            assertThat(comment(reader, article, Map.of("email", email, "text", "Mein Beitrag Nummer " + i)).statusCode()).isEqualTo(302);
        }
        HttpResponse<String> fourth = comment(reader, article, Map.of("email", email, "text", "Noch ein vierter Gedanke"));
        assertThat(fourth.statusCode()).isEqualTo(429);
        Document page = Jsoup.parse(fourth.body());
        assertThat(page.select(".problems li").eachText())
                .containsExactly("Von dieser E-Mail-Adresse kamen gerade sehr viele Kommentare. Bitte warten Sie einige Minuten.");
        assertThat(page.select("textarea[name=text]").val()).isEqualTo("Noch ein vierter Gedanke");
        assertThat(page.select("input[name=email]").val()).isEqualTo(email);
    }
}
