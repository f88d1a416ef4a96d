package de.depesche.subscription;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import de.depesche.article.Article;
import de.depesche.article.ArticleManagement;
import de.depesche.site.InvalidInput;
import de.depesche.support.IntegrationTest;
import de.depesche.support.StaffSession;
import de.depesche.support.TestMail;
import jakarta.mail.internet.MimeMessage;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class SubscriptionsTest extends IntegrationTest {

    @Autowired
    SubscriptionManagement subscriptions;

    @Autowired
    ArticleManagement articles;

    @Autowired
    NewsMatcher matcher;

    @Autowired
    ObjectMapper json;

    private static List<MimeMessage> mails(String to, int atLeast) {
        await().atMost(Duration.ofSeconds(30)).until(() -> TestMail.to(to).size() >= atLeast);
        return TestMail.to(to);
    }

    private static String body(MimeMessage m) {
        return TestMail.text(m);
    }

    private static String link(MimeMessage m, String pattern) {
        Matcher matcher = Pattern.compile(pattern).matcher(body(m));
        assertThat(matcher.find()).as(pattern).isTrue();
        return matcher.group();
    }

    private String confirmFromMail(String email) {
        String url = link(mails(email, 1).getLast(), "http://localhost:8080/abo/bestaetigen/[A-Za-z0-9_-]+");
        String path = URI.create(url).getPath();
        assertThat(get(path).body()).contains("Ja, abonnieren");
        var r = send(HttpRequest.newBuilder(URI.create(url(path))).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(r.body()).contains("Ihr Abonnement ist aktiv");
        return path;
    }

    @Test
    void theBoxUnderAnArticleStartsADoubleOptInThatAnswersTheSameForKnownAndUnknownAddresses() throws Exception {
        Article article = data.published(unique("Abonnierbar"));
        StaffSession reader = new StaffSession(port);
        Document page = reader.page(article.path());
        assertThat(page.select("#abonnieren p").first().text()).isEqualTo(
                "Sie möchten über ähnliche News und Beiträge wie »" + article.title() + "« informiert werden?");
        assertThat(page.select("#abonnieren a[href=/feed]")).hasSize(1);
        String email = "neu-" + System.nanoTime() + "@example.org";
        Map<String, String> form = new LinkedHashMap<>();
        form.put("kind", "similar");
        form.put("target", String.valueOf(article.id()));
        form.put("token", page.select("#abonnieren input[name=token]").val());
        form.put("email", email);
        form.put("consent", "true");
        sleep(2100);
        HttpResponse<String> first = reader.post("/abo", form, false);
        assertThat(first.statusCode()).isEqualTo(200);
        String firstText = Jsoup.parse(first.body()).select("main").text();
        assertThat(firstText).contains("Bitte bestätigen Sie");
        MimeMessage confirmation = mails(email, 1).getFirst();
        assertThat(confirmation.getSubject()).isEqualTo("Bitte bestätigen Sie Ihr Abonnement bei Depesche");
        assertThat(body(confirmation)).contains(article.title());

        // Asking again (the same address, now known) looks exactly the same and sends no second mail at once.
        page = reader.page(article.path());
        form.put("token", page.select("#abonnieren input[name=token]").val());
        sleep(2100);
        HttpResponse<String> again = reader.post("/abo", form, false);
        assertThat(Jsoup.parse(again.body()).select("main").text()).isEqualTo(firstText);
        sleep(1000);
        assertThat(TestMail.to(email)).hasSize(1);

        String confirmPath = confirmFromMail(email);
        // A second click (or a mail program that opened the link before) is told so, and shows no button.
        var reused = send(HttpRequest.newBuilder(URI.create(url(confirmPath))).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(reused.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parse(reused.body()).select("main").text()).contains("bereits bestätigt");
        var shownAgain = get(confirmPath);
        assertThat(shownAgain.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parse(shownAgain.body()).select("main").text()).contains("bereits bestätigt").doesNotContain("Ja, abonnieren");
    }

    @Test
    void aCategorySubscriberGetsOneMailForABurstOfArticlesWithOneClickUnsubscribe() throws Exception {
        data.category("Cybersicherheit");
        String email = "rubrik-" + System.nanoTime() + "@example.org";
        subscriptions.request(new SubscriptionRequest(email, SubscriptionKind.CATEGORY, "cybersicherheit", Channel.EMAIL, true), "192.0.2.80");
        confirmFromMail(email);

        Article a = data.published(unique("Angriff auf Stadtwerke"), "ESSEN", "Text.", "cybersicherheit");
        Article b = data.published(unique("Patch für Router"), "BONN", "Text.", "cybersicherheit");
        Article c = data.published(unique("Lücke im Mailserver"), "KÖLN", "Text.", "cybersicherheit");
        List<MimeMessage> received = mails(email, 2);
        sleep(3000);
        received = TestMail.to(email);
        String all = received.stream().skip(1).map(SubscriptionsTest::body).reduce("", String::concat);
        assertThat(all).contains(a.title(), b.title(), c.title());
        assertThat(received.size() - 1).as("news mails").isBetween(1, 3);
        MimeMessage news = received.get(1);
        String stop = news.getHeader("List-Unsubscribe", null);
        assertThat(stop).matches("<http://localhost:8080/abo/verwalten/[A-Za-z0-9_-]+/abbestellen>");
        assertThat(news.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");

        String stopPath = URI.create(stop.substring(1, stop.length() - 1)).getPath();
        var oneClick = send(HttpRequest.newBuilder(URI.create(url(stopPath)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build());
        assertThat(oneClick.statusCode()).isEqualTo(200);
        int before = TestMail.to(email).size();
        data.published(unique("Nach der Abmeldung"), "ULM", "Text.", "cybersicherheit");
        sleep(3000);
        assertThat(TestMail.to(email)).hasSize(before);
    }

    @Test
    void eachArticleIsDeliveredAtMostOnceEvenWhenMatchingRunsAgain() {
        data.category("Technik");
        String email = "einmal-" + System.nanoTime() + "@example.org";
        subscriptions.request(new SubscriptionRequest(email, SubscriptionKind.CATEGORY, "technik", Channel.EMAIL, true), "192.0.2.81");
        confirmFromMail(email);
        Article a = data.published(unique("Einmal zustellen"), "JENA", "Text.", "technik");
        mails(email, 2);
        assertThat(matcher.match(articles.find(a.id()).orElseThrow())).as("a retried match finds nothing new").isZero();
        sleep(3000);
        assertThat(TestMail.to(email)).hasSize(2);
    }

    @Test
    void aPersonalFeedNeedsNoEmailAndTheManagePageControlsIt() {
        data.category("Technik");
        var outcome = (SubscriptionManagement.Outcome.FeedReady) subscriptions.request(
                new SubscriptionRequest(null, SubscriptionKind.CATEGORY, "technik", Channel.FEED, true), "192.0.2.82");
        assertThat(outcome.feedPath()).startsWith("/feed/abo/");
        String token = outcome.managePath().substring(outcome.managePath().lastIndexOf('/') + 1);
        Document manage = Jsoup.parse(get(outcome.managePath()).body());
        assertThat(manage.select("tbody tr").text()).contains("Rubrik", "Technik", "Feed", "aktiv");
        Article a = data.published(unique("Im Feed"), "GERA", "Text.", "technik");
        await().atMost(Duration.ofSeconds(20)).until(() -> subscriptions.personalFeed(outcome.feedPath().substring(10), 10)
                .orElseThrow().articleIds().contains(a.id()));

        long id = subscriptions.overview(token).orElseThrow().subscriptions().getFirst().id();
        assertThat(subscriptions.pause(token, id)).isTrue();
        assertThat(Jsoup.parse(get(outcome.managePath()).body()).select("tbody tr").text()).contains("pausiert");
        Article b = data.published(unique("Während der Pause"), "GERA", "Text.", "technik");
        sleep(2000);
        assertThat(subscriptions.personalFeed(outcome.feedPath().substring(10), 10).orElseThrow().articleIds()).doesNotContain(b.id());
    }

    private static final String GUARANTEES = """
            Die Außenminister der Europäischen Union haben über langfristige Sicherheitsgarantien für die Ukraine beraten.
            Diplomaten sprechen von einem Entwurf, der Ausbildung, Waffenlieferungen und Luftverteidigung bündelt.
            Umstritten bleibt, wie verbindlich die Garantien sein sollen und wer die Kosten trägt.""";

    @Test
    void similarNewsMeansCloseInContentNotJustASharedTag() {
        Article original = data.published(unique("Sicherheitsgarantien für die Ukraine"), "BRÜSSEL", GUARANTEES);
        var feed = (SubscriptionManagement.Outcome.FeedReady) subscriptions.request(new SubscriptionRequest(null,
                SubscriptionKind.SIMILAR, String.valueOf(original.id()), Channel.FEED, true), "192.0.2.84");
        String token = feed.feedPath().substring("/feed/abo/".length());
        Article close = data.published(unique("Neue Runde zu Garantien für Kiew"), "BRÜSSEL", GUARANTEES.replace("beraten", "weiter verhandelt")
                + "\nDie Botschafter wollen den Entwurf zur Luftverteidigung bis zum Gipfel fertigstellen.");
        Article unrelated = data.published(unique("Bundesliga: Heimsieg nach Elfmeter"), "DORTMUND",
                "Die Mannschaft gewann das Spiel am Samstag mit zwei zu eins. Der Trainer lobte die Abwehr und das Publikum.");
        await().atMost(Duration.ofSeconds(20)).until(() -> subscriptions.personalFeed(token, 20).orElseThrow().articleIds().contains(close.id()));
        sleep(1500);
        assertThat(subscriptions.personalFeed(token, 20).orElseThrow().articleIds()).doesNotContain(unrelated.id());
        assertThat(subscriptions.laterSimilar(original.id(), 10)).contains(close.id()).doesNotContain(unrelated.id());

        var articleFeed = get(original.path() + "/feed");
        assertThat(articleFeed.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/rss+xml");
        assertThat(articleFeed.body()).contains(close.title()).doesNotContain(unrelated.title());
        var personal = get(feed.feedPath());
        assertThat(personal.statusCode()).isEqualTo(200);
        assertThat(personal.body()).contains(close.title()).contains("Ihr persönlicher Feed bei Depesche");
        assertThat(get("/feed/abo/unbekannt").statusCode()).isEqualTo(404);
    }

    @Test
    void aSavedSearchFindsNewArticlesWithTheSameGermanAnalysisAsTheSearchPage() {
        var feed = (SubscriptionManagement.Outcome.FeedReady) subscriptions.request(new SubscriptionRequest(null,
                SubscriptionKind.SEARCH, "Garantie -Fußball", Channel.FEED, true), "192.0.2.85");
        String token = feed.feedPath().substring("/feed/abo/".length());
        Article compound = data.published(unique("Streit um Sicherheitsgarantien"), "BERLIN", GUARANTEES);
        Article excluded = data.published(unique("Garantie im Fußball"), "MÜNCHEN", "Eine Garantie für den Fußball gibt es nicht.");
        await().atMost(Duration.ofSeconds(20)).until(() -> subscriptions.personalFeed(token, 20).orElseThrow().articleIds().contains(compound.id()));
        sleep(1500);
        assertThat(subscriptions.personalFeed(token, 20).orElseThrow().articleIds()).doesNotContain(excluded.id());
        assertThatThrownBy(() -> subscriptions.request(new SubscriptionRequest(null, SubscriptionKind.SEARCH, "*wildcard",
                Channel.FEED, true), "192.0.2.85")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> subscriptions.request(new SubscriptionRequest(null, SubscriptionKind.SEARCH, "der die das",
                Channel.FEED, true), "192.0.2.85")).isInstanceOf(InvalidInput.class);
    }

    @Test
    void subscribersExportAndEraseTheirData() throws Exception {
        data.category("Technik");
        String email = "dsgvo-" + System.nanoTime() + "@example.org";
        subscriptions.request(new SubscriptionRequest(email, SubscriptionKind.CATEGORY, "technik", Channel.EMAIL, true), "192.0.2.83");
        confirmFromMail(email);
        String managePath = URI.create(link(mails(email, 1).getFirst(), "http://localhost:8080/abo/bestaetigen/[A-Za-z0-9_-]+")).getPath();
        String token = subscriptions.overview(tokenOf(email)).orElseThrow().subscriber().manageToken();
        HttpResponse<String> export = get("/abo/verwalten/" + token + "/export");
        assertThat(export.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment");
        var data = json.readTree(export.body());
        assertThat(data.path("email").asString()).isEqualTo(email);
        assertThat(data.path("subscriptions").get(0).path("consentTextVersion").asString()).isNotBlank();
        assertThat(data.path("subscriptions").get(0).path("confirmedAt").asString()).isNotBlank();

        StaffSession reader = new StaffSession(port);
        reader.page("/abo/verwalten/" + token);
        assertThat(Jsoup.parse(reader.post("/abo/verwalten/" + token + "/loeschen", Map.of(), false).body())
                .select(".problems").text()).contains("Häkchen");
        assertThat(reader.post("/abo/verwalten/" + token + "/loeschen", Map.of("sure", "true"), false).body())
                .contains("Ihre Daten sind gelöscht.");
        assertThat(get("/abo/verwalten/" + token).statusCode()).isEqualTo(404);
        assertThat(managePath).isNotBlank();
    }

    @Test
    void hostileOrInvalidInputIsRefusedClearly() {
        Article article = data.published(unique("Feindlich"));
        assertThatThrownBy(() -> subscriptions.request(new SubscriptionRequest("a@example.org\r\nBcc: victim@example.org",
                SubscriptionKind.SIMILAR, String.valueOf(article.id()), Channel.EMAIL, true), "192.0.2.90"))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("validation.email");
        assertThatThrownBy(() -> subscriptions.request(new SubscriptionRequest("ok@example.org", SubscriptionKind.SIMILAR,
                "999999999", Channel.EMAIL, true), "192.0.2.90"))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("subscription.article.unknown");
        assertThatThrownBy(() -> subscriptions.request(new SubscriptionRequest("ok@example.org", SubscriptionKind.CATEGORY,
                "' or 1=1 --", Channel.EMAIL, true), "192.0.2.90"))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("subscription.category.unknown");
        assertThatThrownBy(() -> subscriptions.request(new SubscriptionRequest("ok@example.org", SubscriptionKind.NEWSLETTER,
                "hourly", Channel.EMAIL, true), "192.0.2.90"))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("subscription.newsletter.frequencyInvalid");
        var forgedPage = get("/abo/bestaetigen/erfunden");
        assertThat(forgedPage.statusCode()).isEqualTo(404);
        assertThat(forgedPage.body()).contains("Dieser Link ist ungültig.").doesNotContain("Ja, abonnieren");
        var forged = send(HttpRequest.newBuilder(URI.create(url("/abo/bestaetigen/erfunden"))).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(forged.statusCode()).isEqualTo(404);
        assertThat(forged.body()).contains("Dieser Link ist ungültig.");
        assertThat(get("/abo/verwalten/erfunden").statusCode()).isEqualTo(404);
    }

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void anExpiredConfirmationLinkSaysSoAndConfirmsNothing() {
        Article article = data.published(unique("Abgelaufen"));
        String email = "spaet-" + System.nanoTime() + "@example.org";
        subscriptions.request(new SubscriptionRequest(email, SubscriptionKind.SIMILAR, String.valueOf(article.id()), Channel.EMAIL, true),
                "192.0.2.91");
        String path = URI.create(link(mails(email, 1).getFirst(), "http://localhost:8080/abo/bestaetigen/[A-Za-z0-9_-]+")).getPath();
        long subscriber = subscriptionsRepository.subscriberByEmail(email).orElseThrow().id();
        jdbc.sql("update subscription set requested_at = :old where subscriber_id = :s")
                .param("old", java.sql.Timestamp.from(java.time.Instant.now().minus(Duration.ofHours(49)))).param("s", subscriber).update();
        var latePage = get(path);
        assertThat(latePage.statusCode()).isEqualTo(410);
        assertThat(latePage.body()).contains("abgelaufen").doesNotContain("Ja, abonnieren");
        var late = send(HttpRequest.newBuilder(URI.create(url(path))).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(late.statusCode()).isEqualTo(410);
        assertThat(late.body()).contains("abgelaufen");
        assertThat(subscriptions.overviewByEmail(email).orElseThrow().subscriptions()).allMatch(s -> s.status() == SubscriptionStatus.PENDING);
    }

    @Test
    void otherFrontEndsSubscribeThroughTheApi() throws Exception {
        Article article = data.published(unique("API-Abo"));
        String email = "api-" + System.nanoTime() + "@example.org";
        HttpResponse<String> ok = send(HttpRequest.newBuilder(URI.create(url("/api/v1/subscriptions")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"kind\":\"similar\",\"articleId\":" + article.id() + ",\"consent\":true}"))
                .build());
        assertThat(ok.statusCode()).isEqualTo(202);
        assertThat(mails(email, 1).getFirst().getSubject()).startsWith("Bitte bestätigen");
        HttpResponse<String> bad = send(HttpRequest.newBuilder(URI.create(url("/api/v1/subscriptions")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"x@example.org\",\"kind\":\"similar\",\"articleId\":424242424,\"consent\":true}"))
                .build());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("Diesen Artikel gibt es nicht");
        HttpResponse<String> feed = send(HttpRequest.newBuilder(URI.create(url("/api/v1/subscriptions")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"newsletter\",\"target\":\"weekly\",\"channel\":\"feed\",\"consent\":true}"))
                .build());
        assertThat(feed.statusCode()).isEqualTo(201);
        assertThat(feed.body()).contains("/feed/abo/");
        assertThat(send(HttpRequest.newBuilder(URI.create(url("/api/v1/subscriptions")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{")).build())
                .statusCode()).isEqualTo(400);
    }

    private String tokenOf(String email) {
        return subscriptionsRepository.subscriberByEmail(email).orElseThrow().manageToken();
    }

    @Autowired
    JdbcSubscriptionRepository subscriptionsRepository;

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
