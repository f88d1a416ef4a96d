package de.depesche.article;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import de.depesche.account.AccountManagement;
import de.depesche.account.Role;
import de.depesche.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ArticleApiTest extends IntegrationTest {

    @Autowired
    ObjectMapper json;

    @Autowired
    AccountManagement accounts;

    private JsonNode body(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    @Test
    void refusesRequestsWithoutAValidToken() {
        HttpResponse<String> none = send(HttpRequest.newBuilder(URI.create(url("/api/v1/articles"))).GET().build());
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(body(none).path("error").asString()).contains("API-Token");
        assertThat(api("GET", "/api/v1/articles", null, "dp_wrong").statusCode()).isEqualTo(401);
    }

    @Test
    void createsAndPublishesAnArticleInOneCall() {
        data.category("Sicherheitspolitik");
        String title = unique("Sicherheitsgarantien für Kiew");
        HttpResponse<String> created = api("POST", "/api/v1/articles", """
                {"title": "%s", "dateline": "BRÜSSEL / LONDON", "lead": "Ein Vorspann.",
                 "body": "Erster Absatz.\\n\\nZweiter Absatz.", "categories": ["sicherheitspolitik"],
                 "tags": ["NATO", "Ukraine"], "status": "published"}
                """.formatted(title));
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode a = body(created);
        assertThat(a.path("status").asString()).isEqualTo("published");
        assertThat(a.path("dateline").asString()).isEqualTo("BRÜSSEL / LONDON");
        assertThat(a.path("slug").asString()).startsWith("sicherheitsgarantien-fuer-kiew");
        assertThat(a.path("url").asString()).endsWith("/" + a.path("slug").asString());
        assertThat(a.path("categories").get(0).asString()).isEqualTo("sicherheitspolitik");
        assertThat(a.path("tags")).hasSize(2);
        assertThat(a.path("publishedAt").asString()).isNotBlank();
        assertThat(created.headers().firstValue("Location").orElseThrow()).endsWith("/api/v1/articles/" + a.path("id").asLong());

        assertThat(get("/").body()).contains(title);
        assertThat(get("/" + a.path("slug").asString()).body()).contains("BRÜSSEL / LONDON (Depesche) –");
        JsonNode fetched = body(api("GET", "/api/v1/articles/" + a.path("id").asLong(), null));
        assertThat(fetched.path("title").asString()).isEqualTo(title);
    }

    @Test
    void updatesUnpublishesAndListsArticles() {
        long id = body(api("POST", "/api/v1/articles", """
                {"title": "%s", "body": "Text", "status": "published"}""".formatted(unique("API-Artikel")))).path("id").asLong();
        HttpResponse<String> updated = api("PUT", "/api/v1/articles/" + id, """
                {"title": "Geänderter Titel %d", "body": "Neuer Text"}""".formatted(id));
        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(body(updated).path("title").asString()).isEqualTo("Geänderter Titel " + id);
        assertThat(body(updated).path("status").asString()).isEqualTo("published");

        assertThat(body(api("POST", "/api/v1/articles/" + id + "/unpublish", null)).path("status").asString()).isEqualTo("unpublished");
        JsonNode list = body(api("GET", "/api/v1/articles?status=unpublished&size=100", null));
        assertThat(list.path("items").valueStream().map(n -> n.path("id").asLong())).contains(id);
    }

    @Test
    void explainsInvalidInputInGerman() {
        HttpResponse<String> response = api("POST", "/api/v1/articles", """
                {"title": "", "body": "Text", "categories": ["erfunden"]}""");
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode problems = body(response).path("problems");
        assertThat(problems.valueStream().map(p -> p.path("field").asString() + ": " + p.path("message").asString()))
                .contains("title: Bitte ausfüllen.", "categories: Die Kategorie „erfunden“ gibt es nicht.");
    }

    @Test
    void answersMalformedJsonAndBrokenEncodingWith400() {
        assertThat(api("POST", "/api/v1/articles", "{\"title\": ").statusCode()).isEqualTo(400);
        byte[] latin1 = "{\"title\": \"Gr\u00fc\u00dfe\", \"body\": \"x\"}".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        HttpResponse<String> broken = send(HttpRequest.newBuilder(URI.create(url("/api/v1/articles")))
                .header("Authorization", "Bearer " + de.depesche.support.TestDatabase.ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(latin1)).build());
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(body(broken).path("error").asString()).isEqualTo("Der Inhalt der Anfrage ist kein gültiges JSON in UTF-8.");
        assertThat(api("POST", "/api/v1/articles", """
                {"title": "x", "body": "y", "status": "veröffentlicht"}""").statusCode()).isEqualTo(400);
        assertThat(api("GET", "/api/v1/articles/999999999", null).statusCode()).isEqualTo(404);
        assertThat(api("GET", "/api/v1/articles/abc", null).statusCode()).isEqualTo(400);
    }

    @Test
    void authorsMayWriteButNotPublishThroughTheApi() {
        var author = data.staff(Role.AUTHOR);
        String token = accounts.issueApiToken(author.id(), "Skript").secret();
        HttpResponse<String> draft = api("POST", "/api/v1/articles", """
                {"title": "%s", "body": "Text"}""".formatted(unique("Autorentext")), token);
        assertThat(draft.statusCode()).isEqualTo(201);
        long id = body(draft).path("id").asLong();
        assertThat(api("POST", "/api/v1/articles/" + id + "/publish", null, token).statusCode()).isEqualTo(403);
        assertThat(api("POST", "/api/v1/articles", """
                {"title": "%s", "body": "Text", "status": "published"}""".formatted(unique("Sofort")), token).statusCode()).isEqualTo(403);
    }

    @Test
    void authorsReadTheirOwnAndPublishedArticlesOnlyAndModeratorsNone() {
        var author = data.staff(Role.AUTHOR);
        var colleague = data.staff(Role.AUTHOR);
        String token = accounts.issueApiToken(author.id(), "Skript").secret();
        String colleagueToken = accounts.issueApiToken(colleague.id(), "Skript").secret();
        long own = body(api("POST", "/api/v1/articles", """
                {"title": "%s", "body": "Text"}""".formatted(unique("Eigenes")), token)).path("id").asLong();
        long foreign = body(api("POST", "/api/v1/articles", """
                {"title": "%s", "body": "Geheim"}""".formatted(unique("Fremdes")), colleagueToken)).path("id").asLong();
        long published = data.published(unique("Öffentlich")).id();

        assertThat(api("GET", "/api/v1/articles/" + own, null, token).statusCode()).isEqualTo(200);
        assertThat(api("GET", "/api/v1/articles/" + published, null, token).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = api("GET", "/api/v1/articles/" + foreign, null, token);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).doesNotContain("Geheim");
        assertThat(api("PUT", "/api/v1/articles/" + foreign, """
                {"title": "Gekapert", "body": "x"}""", token).statusCode()).isEqualTo(403);

        JsonNode list = body(api("GET", "/api/v1/articles?size=100", null, token));
        List<Long> ids = list.path("items").valueStream().map(n -> n.path("id").asLong()).toList();
        assertThat(ids).contains(own).doesNotContain(foreign);
        assertThat(list.path("items").valueStream())
                .allMatch(n -> n.path("status").asString().equals("published") || n.path("id").asLong() == own);
        JsonNode drafts = body(api("GET", "/api/v1/articles?status=draft&size=100", null, token));
        assertThat(drafts.path("items").valueStream().map(n -> n.path("id").asLong())).containsExactly(own);
        assertThat(drafts.path("total").asLong()).isEqualTo(1);

        JsonNode all = body(api("GET", "/api/v1/articles?status=draft&size=100", null));
        assertThat(all.path("items").valueStream().map(n -> n.path("id").asLong())).contains(own, foreign);

        String moderator = accounts.issueApiToken(data.staff(Role.MODERATOR).id(), "Moderation").secret();
        assertThat(api("GET", "/api/v1/articles", null, moderator).statusCode()).isEqualTo(403);
        assertThat(api("GET", "/api/v1/articles/" + published, null, moderator).statusCode()).isEqualTo(403);
    }

    @Test
    void aPageOfTheListCostsAFewQueriesHoweverLongItIs() {
        data.category("Technik");
        for (int i = 0; i < 12; i++) {
            data.published(unique("Liste " + i), "BONN", "Text.", "technik");
        }
        int small = statements("/api/v1/articles?size=2");
        int large = statements("/api/v1/articles?size=12");
        assertThat(large).as("statements for 12 articles, against %d for 2", small).isLessThanOrEqualTo(small + 2);
        JsonNode list = body(api("GET", "/api/v1/articles?size=12", null));
        assertThat(list.path("items")).hasSize(12);
        assertThat(list.path("items").get(0).path("categories").get(0).asString()).isEqualTo("technik");
        assertThat(list.path("items").get(0).path("tags").get(0).asString()).isEqualTo("Testthema");
    }

    private int statements(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url(path)))
                .header("Authorization", "Bearer " + de.depesche.support.TestDatabase.ADMIN_TOKEN)
                .header(de.depesche.support.StatementCounter.HEADER, "1").GET().build());
        assertThat(response.statusCode()).isEqualTo(200);
        return Integer.parseInt(response.headers().firstValue(de.depesche.support.StatementCounter.HEADER).orElseThrow());
    }

    @Test
    void publishesAnOpenApiDocument() {
        HttpResponse<String> doc = get("/api/v1/openapi");
        assertThat(doc.statusCode()).isEqualTo(200);
        JsonNode openapi = body(doc);
        assertThat(openapi.path("openapi").asString()).startsWith("3.");
        assertThat(openapi.path("paths").has("/api/v1/articles")).isTrue();
        assertThat(openapi.path("paths").has("/api/v1/articles/{id}/publish")).isTrue();
    }
}
