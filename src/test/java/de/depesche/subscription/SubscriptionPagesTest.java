package de.depesche.subscription;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import de.depesche.account.AccountManagement;
import de.depesche.article.Article;
import de.depesche.comment.CommentManagement;
import de.depesche.comment.CommentSubmission;
import de.depesche.mail.MailOutbox;
import de.depesche.support.StaffSession;
import de.depesche.support.TestDatabase;
import de.depesche.support.TestMail;
import jakarta.mail.internet.MimeMessage;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The reader's side over HTTP: sign-up links and forms, the API, the confirmation and manage pages, the mails. */
class SubscriptionPagesTest extends SubscriptionTestBase {

    @Autowired
    ObjectMapper json;

    @Autowired
    CommentManagement comments;

    @Autowired
    AccountManagement accounts;

    @Autowired
    MailOutbox outbox;

    private JsonNode export(String token) {
        return json.readTree(get("/abo/verwalten/" + token + "/export").body());
    }

    private static String main(HttpResponse<String> page) {
        return Jsoup.parse(page.body()).select("main").text();
    }

    // --- the API -----------------------------------------------------------------------------------

    @Test
    void theApiSubscribesOnlyWithConsentGivenExplicitly() {
        String category = data.category("Technik").slug();
        String email = address("ohne-einwilligung");
        for (String consent : List.of("", ",\"consent\":false", ",\"consent\":null")) {
            HttpResponse<String> refused = postJson("/api/v1/subscriptions",
                    "{\"email\":\"" + email + "\",\"kind\":\"category\",\"target\":\"" + category + "\"" + consent + "}");
            assertThat(refused.statusCode()).as(consent).isEqualTo(400);
            JsonNode problem = json.readTree(refused.body()).path("problems").get(0);
            assertThat(problem.path("field").asString()).isEqualTo("consent");
            assertThat(problem.path("message").asString()).contains("\"consent\": true");
        }
        sleep(1500);
        assertThat(TestMail.to(email)).as("no mail without consent").isEmpty();
        assertThat(repository.subscriberByEmail(email)).isEmpty();
    }

    @Test
    void theApiStartsTheDoubleOptInForCategoryTagSearchAndNewsletter() throws Exception {
        var category = data.category(unique("API-Rubrik"));
        Article tagged = data.published(unique("Mit Thema"));
        var tag = tagged.tags().getFirst();
        Map<String, String> kinds = new LinkedHashMap<>();
        kinds.put("\"kind\":\"category\",\"target\":\"" + category.slug() + "\"", "Rubrik: " + category.name());
        kinds.put("\"kind\":\"tag\",\"target\":\"" + tag.slug() + "\"", "Thema: " + tag.name());
        kinds.put("\"kind\":\"search\",\"target\":\"Drohnenabwehr -Fußball\"", "Suchagent");
        kinds.put("\"kind\":\"newsletter\",\"target\":\"weekly\"", "Newsletter: einmal pro Woche");
        kinds.forEach((request, label) -> {
            String email = address("api-art");
            HttpResponse<String> accepted = postJson("/api/v1/subscriptions", "{\"email\":\"" + email + "\"," + request + ",\"consent\":true}");
            assertThat(accepted.statusCode()).as(request).isEqualTo(202);
            assertThat(json.readTree(accepted.body()).path("status").asString()).isEqualTo("confirmation-sent");
            MimeMessage confirmation = mails(email, 1).getFirst();
            assertThat(TestMail.text(confirmation)).as(request).contains("»" + label + "«");
        });
        String spam = address("spam");
        String words = "Gewinnen Sie jetzt bei beispiel-casino.example";
        HttpResponse<String> search = postJson("/api/v1/subscriptions", "{\"email\":\"" + spam
                + "\",\"kind\":\"search\",\"target\":\"" + words + "\",\"label\":\"" + words + "\",\"consent\":true}");
        assertThat(search.statusCode()).isEqualTo(202);
        MimeMessage optIn = mails(spam, 1).getFirst();
        assertThat(TestMail.text(optIn)).as("reader-chosen words stay out of the opt-in mail")
                .contains("»Suchagent«").doesNotContain("casino", "Gewinnen");
        assertThat(TestMail.html(optIn)).doesNotContain("casino", "Gewinnen");
        assertThat(optIn.getSubject()).doesNotContain("casino");
        HttpResponse<String> unknownChannel = postJson("/api/v1/subscriptions",
                "{\"email\":\"" + address("kanal") + "\",\"kind\":\"newsletter\",\"target\":\"weekly\",\"channel\":\"fax\",\"consent\":true}");
        assertThat(unknownChannel.statusCode()).isEqualTo(400);
        assertThat(unknownChannel.body()).contains("channel");
    }

    @Test
    void theOpenApiDocumentDescribesTheSignUpWithItsKindsChannelsAndAnswers() {
        JsonNode post = json.readTree(get("/api/v1/openapi").body()).path("paths").path("/api/v1/subscriptions").path("post");
        assertThat(post.path("responses").propertyNames()).contains("201", "202", "400", "429");
        assertThat(post.path("description").asString()).contains("double opt-in");
        JsonNode body = post.path("requestBody").path("content").path("application/json");
        assertThat(body.path("examples").propertyNames()).contains("similar", "category", "search", "newsletter as feed");
        String ref = body.path("schema").path("$ref").asString();
        JsonNode schema = json.readTree(get("/api/v1/openapi").body()).path("components").path("schemas")
                .path(ref.substring(ref.lastIndexOf('/') + 1));
        assertThat(schema.path("properties").path("kind").path("enum").toString())
                .contains("similar", "category", "tag", "author", "search", "newsletter");
        assertThat(schema.path("properties").path("channel").path("enum").toString()).contains("email", "feed");
        assertThat(schema.path("required").toString()).contains("kind", "consent");
    }

    @Test
    void lineBreaksInAnAddressAreRefusedByTheFormAndTheApi() {
        String category = data.category("Technik").slug();
        String victim = address("opfer");
        String hostile = address("angreifer") + "\r\nBcc: " + victim;

        HttpResponse<String> api = postJson("/api/v1/subscriptions", "{\"email\":\"" + hostile.replace("\r", "\\r").replace("\n", "\\n")
                + "\",\"kind\":\"category\",\"target\":\"" + category + "\",\"consent\":true}");
        assertThat(api.statusCode()).isEqualTo(400);
        JsonNode problem = json.readTree(api.body()).path("problems").get(0);
        assertThat(problem.path("field").asString()).isEqualTo("email");
        assertThat(problem.path("message").asString()).isEqualTo("Bitte eine gültige E-Mail-Adresse angeben.");

        StaffSession reader = new StaffSession(port);
        Document form = reader.page("/abo/neu?kind=category&target=" + category);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("kind", "category");
        fields.put("target", category);
        fields.put("token", form.select("input[name=token]").val());
        fields.put("email", hostile);
        fields.put("channel", "email");
        fields.put("consent", "true");
        sleep(2100);
        HttpResponse<String> refused = reader.post("/abo", fields, false);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(Jsoup.parse(refused.body()).select(".problems").text()).contains("Bitte eine gültige E-Mail-Adresse angeben.");
        sleep(1500);
        assertThat(TestMail.to(victim)).isEmpty();
    }

    // --- finding the sign-up -----------------------------------------------------------------------

    private Document follow(String listPath, String linkText) {
        Document list = Jsoup.parse(get(listPath).body());
        var link = list.select("a:contains(" + linkText + ")");
        assertThat(link).as(listPath).hasSize(1);
        HttpResponse<String> form = get(link.attr("href"));
        assertThat(form.statusCode()).isEqualTo(200);
        return Jsoup.parse(form.body());
    }

    @Test
    void categoryTagAuthorAndSearchPagesLinkToTheirEmailSignUp() {
        var category = data.category(unique("Verlinkt"));
        Article a = data.published(unique("In der verlinkten Rubrik"), "BERLIN", "Text.", category.slug());
        var tag = a.tags().getFirst();
        var author = accounts.find(a.authorId()).orElseThrow();

        Document byCategory = follow("/kategorie/" + category.slug(), "Per E-Mail abonnieren");
        assertThat(byCategory.select("main").text()).contains("Neue Artikel in der Rubrik »" + category.name() + "«");
        assertThat(byCategory.select("form.subscribe-form input[name=kind]").val()).isEqualTo("category");
        assertThat(byCategory.select("form.subscribe-form input[name=target]").val()).isEqualTo(category.slug());

        Document byTag = follow("/tag/" + tag.slug(), "Per E-Mail abonnieren");
        assertThat(byTag.select("main").text()).contains("Neue Artikel zum Thema »" + tag.name() + "«");

        Document byAuthor = follow("/autor/" + author.slug(), "Per E-Mail abonnieren");
        assertThat(byAuthor.select("main").text()).contains("Neue Artikel von " + author.displayName());
        assertThat(byAuthor.select("form.subscribe-form input[name=target]").val()).isEqualTo(author.slug());

        String query = "Drohnenabwehr Ostsee";
        Document bySearch = follow("/suche?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8), "Suchagent für »" + query + "« anlegen");
        assertThat(bySearch.select("main").text()).contains("Neue Artikel zur Suche »" + query + "« (Suchagent)");
        assertThat(bySearch.select("form.subscribe-form input[name=kind]").val()).isEqualTo("search");
    }

    // --- confirmation and the manage page ----------------------------------------------------------

    @Test
    void pagesOpenedWithAReadersTokenAreKeptByNoCache() {
        String email = address("kein-cache");
        subscriptions.request(new SubscriptionRequest(email, SubscriptionKind.CATEGORY, data.category("Technik").slug(),
                Channel.EMAIL, true), "192.0.2.71");
        String confirmPath = URI.create(link(mails(email, 1).getFirst(), CONFIRM_LINK)).getPath();
        assertNeverCached(confirmPath);
        send(HttpRequest.newBuilder(URI.create(url(confirmPath))).POST(HttpRequest.BodyPublishers.noBody()).build());
        String token = manageToken(email);
        assertNeverCached("/abo/verwalten/" + token);
        assertNeverCached("/abo/verwalten/" + token + "/abbestellen");
    }

    private void assertNeverCached(String path) {
        for (String method : List.of("GET", "HEAD", "GET")) {
            HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(url(path)))
                    .method(method, HttpRequest.BodyPublishers.noBody()).build());
            assertThat(answer.statusCode()).as(method + " " + path).isEqualTo(200);
            assertThat(answer.headers().firstValue("Cache-Control")).as(method + " " + path).hasValue("private, no-store");
        }
    }

    @Test
    void theUnsubscribeLinkOpenedInABrowserAsksBeforeItEndsAnything() {
        String email = address("fragt-erst");
        String token = subscribed(email, SubscriptionKind.CATEGORY, data.category("Technik").slug());
        HttpResponse<String> page = get("/abo/verwalten/" + token + "/abbestellen");
        assertThat(page.statusCode()).isEqualTo(200);
        Document d = Jsoup.parse(page.body());
        assertThat(d.select("main").text()).contains("Möchten Sie alle Abonnements beenden?");
        assertThat(d.select(".panel form[action=/abo/verwalten/" + token + "/abbestellen] button").text()).isEqualTo("Alle beenden");
        assertThat(subscriptions.overview(token).orElseThrow().subscriptions()).allMatch(s -> s.status() == SubscriptionStatus.ACTIVE);

        assertThat(main(postForm("/abo/verwalten/" + token + "/abbestellen", ""))).contains("Alle Abonnements sind beendet.");
        assertThat(subscriptions.overview(token).orElseThrow().subscriptions()).isEmpty();
        assertThat(get("/abo/verwalten/erfunden/abbestellen").statusCode()).isEqualTo(404);
    }

    @Test
    void theManagePagePausesResumesAndEndsOneSubscription() {
        String email = address("verwaltet");
        String category = data.category("Technik").slug();
        String token = subscribed(email, SubscriptionKind.CATEGORY, category);
        subscribed(email, SubscriptionKind.NEWSLETTER, "weekly");
        Document page = Jsoup.parse(get("/abo/verwalten/" + token).body());
        assertThat(page.select("tbody tr").eachText()).anySatisfy(r -> assertThat(r).contains("Newsletter: einmal pro Woche", "aktiv"))
                .noneSatisfy(r -> assertThat(r).contains("weekly"));

        List<Subscription> both = subscriptions.overview(token).orElseThrow().subscriptions();
        long technik = both.stream().filter(s -> s.kind() == SubscriptionKind.CATEGORY).findFirst().orElseThrow().id();
        long weekly = both.stream().filter(s -> s.kind() == SubscriptionKind.NEWSLETTER).findFirst().orElseThrow().id();

        assertThat(postForm("/abo/verwalten/" + token + "/" + technik + "/pausieren", "").statusCode()).isEqualTo(302);
        assertThat(Jsoup.parse(get("/abo/verwalten/" + token).body()).select("tbody tr").eachText())
                .anySatisfy(r -> assertThat(r).contains("Technik", "pausiert", "Fortsetzen"));
        assertThat(postForm("/abo/verwalten/" + token + "/" + technik + "/fortsetzen", "").statusCode()).isEqualTo(302);
        assertThat(Jsoup.parse(get("/abo/verwalten/" + token).body()).select("tbody tr").eachText())
                .anySatisfy(r -> assertThat(r).contains("Technik", "aktiv", "Pausieren"));

        assertThat(postForm("/abo/verwalten/" + token + "/" + weekly + "/beenden", "").statusCode()).isEqualTo(302);
        List<String> rows = Jsoup.parse(get("/abo/verwalten/" + token).body()).select("tbody tr").eachText();
        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst()).contains("Technik", "aktiv");
        JsonNode ended = export(token).path("subscriptions").get(1);
        assertThat(ended.path("kind").asString()).isEqualTo("newsletter");
        assertThat(ended.path("status").asString()).isEqualTo("ended");
        assertThat(ended.path("endedAt").asString()).isNotBlank();
        assertThat(postForm("/abo/verwalten/" + token + "/" + technik + "/loeschen-alles", "").statusCode()).isEqualTo(404);
    }

    @Test
    void theConsentRecordKeepsTheRequestsNetworkAndTheLatestConsentText() {
        String email = address("einwilligung");
        String category = data.category("Technik").slug();
        // requested from 192.0.2.70, confirmed over HTTP from this machine
        String token = subscribed(email, SubscriptionKind.CATEGORY, category);
        JsonNode record = export(token).path("subscriptions").get(0);
        assertThat(record.path("requestNetworkHash").asString()).isNotBlank();
        assertThat(record.path("confirmNetworkHash").asString()).isNotBlank()
                .isNotEqualTo(record.path("requestNetworkHash").asString());
        assertThat(record.path("consentTextVersion").asString()).isEqualTo("2026-11");

        long id = subscriptions.overview(token).orElseThrow().subscriptions().getFirst().id();
        jdbc.sql("update subscription set consent_version = 'alt' where id = :id").param("id", id).update();
        assertThat(subscriptions.end(token, id)).isTrue();
        subscriptions.request(new SubscriptionRequest(email, SubscriptionKind.CATEGORY, category, Channel.EMAIL, true), "192.0.2.74");
        mails(email, 2);
        JsonNode renewed = export(token).path("subscriptions").get(0);
        assertThat(renewed.path("status").asString()).isEqualTo("pending");
        assertThat(renewed.path("consentTextVersion").asString()).as("the text the reader agreed to this time").isEqualTo("2026-11");
        assertThat(renewed.path("confirmedAt").isNull()).isTrue();
        assertThat(renewed.path("endedAt").isNull()).isTrue();
    }

    @Test
    void aReaderSigningUpInEnglishGetsEveryMailInEnglish() throws Exception {
        var category = data.category(unique("Englisch"));
        String email = address("english");
        StaffSession reader = new StaffSession(port);
        Document form = reader.page("/abo/neu?kind=category&target=" + category.slug() + "&lang=en");
        assertThat(form.select("form.subscribe-form input[name=lang]").val()).isEqualTo("en");
        Map<String, String> fields = new LinkedHashMap<>();
        form.select("form.subscribe-form input[type=hidden]").forEach(i -> fields.put(i.attr("name"), i.val()));
        fields.put("email", email);
        fields.put("channel", "email");
        fields.put("consent", "true");
        sleep(2100);
        HttpResponse<String> done = reader.post("/abo", fields, false);
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(main(done)).contains("Almost done", "valid for 48 hours");

        MimeMessage confirmation = mails(email, 1).getFirst();
        assertThat(confirmation.getSubject()).isEqualTo("Please confirm your subscription at Depesche");
        assertThat(TestMail.text(confirmation)).contains("You want to subscribe to »Section: " + category.name() + "«", "valid for 48 hours");
        Document html = Jsoup.parse(TestMail.html(confirmation));
        assertThat(html.select("html").attr("lang")).isEqualTo("en");
        String confirmUrl = html.select("a:contains(Confirm subscription)").attr("href");
        assertThat(confirmUrl).matches(CONFIRM_LINK);
        postForm(URI.create(confirmUrl).getPath(), "");

        Article a = data.published(unique("Neu auf Englisch angekündigt"), "BERLIN", "Text.", category.slug());
        MimeMessage news = mails(email, 2).get(1);
        assertThat(news.getSubject()).isEqualTo("New: " + a.title());
        assertThat(TestMail.text(news)).contains("Just published, matching your subscriptions:");
        Document newsHtml = Jsoup.parse(TestMail.html(news));
        assertThat(newsHtml.select("a:contains(" + a.title() + ")").attr("href")).isEqualTo("http://localhost:8080" + a.path());
        assertThat(newsHtml.select("a:contains(Manage or stop your subscriptions)").attr("href"))
                .isEqualTo("http://localhost:8080/abo/verwalten/" + manageToken(email));
    }

    @Test
    void replyNotificationsForTheSameAddressAreShownStoppedAndResumedOnTheManagePage() {
        Article article = data.published(unique("Mit Antworten"));
        String email = address("antworten");
        comments.submit(new CommentSubmission(article.id(), null, "Rita Rückfrage", email, "Ich möchte Antworten lesen.", true, true),
                "192.0.2.75");
        String notifyLink = link(mails(email, 1).getFirst(), "http://localhost:8080/kommentare/benachrichtigung/[A-Za-z0-9]+");
        postForm(URI.create(notifyLink).getPath(), "");
        await().atMost(Duration.ofSeconds(10)).until(() -> comments.replyNotifications(email).orElseThrow().active());
        String token = subscribed(email, SubscriptionKind.CATEGORY, data.category("Technik").slug());

        String replies = "tr.replies";
        assertThat(Jsoup.parse(get("/abo/verwalten/" + token).body()).select(replies).text())
                .contains("Antworten auf meine Kommentare", "aktiv", "Beenden");
        assertThat(export(token).path("replyNotifications").path("confirmedAt").asString()).isNotBlank();

        assertThat(postForm("/abo/verwalten/" + token + "/antworten/beenden", "").statusCode()).isEqualTo(302);
        assertThat(comments.replyNotifications(email).orElseThrow().active()).isFalse();
        assertThat(Jsoup.parse(get("/abo/verwalten/" + token).body()).select(replies).text()).contains("beendet", "Fortsetzen");
        assertThat(postForm("/abo/verwalten/" + token + "/antworten/fortsetzen", "").statusCode()).isEqualTo(302);
        assertThat(comments.replyNotifications(email).orElseThrow().active()).isTrue();

        postForm("/abo/verwalten/" + token + "/abbestellen", "");
        assertThat(comments.replyNotifications(email).orElseThrow().active()).as("end all ends them too").isFalse();
    }

    @Test
    void erasingOnTheManagePageForgetsTheAddressInTheOutboxToo() {
        String email = address("vergessen");
        String token = subscribed(email, SubscriptionKind.CATEGORY, data.category("Technik").slug());
        assertThat(outbox.mailsTo(email)).isNotEmpty();

        assertThat(main(postForm("/abo/verwalten/" + token + "/loeschen", "sure=true"))).contains("Ihre Daten sind gelöscht.");
        assertThat(outbox.mailsTo(email)).isEmpty();
        StaffSession admin = StaffSession.signedIn(port, TestDatabase.ADMIN_EMAIL, TestDatabase.ADMIN_PASSWORD);
        assertThat(admin.get("/admin/mail").body()).doesNotContain(email);
        assertThat(admin.page("/admin/datenschutz?email=" + email).text()).contains("Zu dieser Adresse ist nichts gespeichert.");
    }
}
