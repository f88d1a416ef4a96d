package de.depesche.moderation.web;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import de.depesche.account.AccountManagement;
import de.depesche.account.Role;
import de.depesche.support.IntegrationTest;
import de.depesche.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ModerationApiTest extends IntegrationTest {

    private static final String ASSESS = "/api/v1/moderation/assess";

    @Autowired
    ObjectMapper json;

    @Autowired
    AccountManagement accounts;

    private JsonNode body(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    private String request(String comment) {
        return json.writeValueAsString(java.util.Map.of(
                "article", java.util.Map.of("title", "NATO berät über Drohnenabwehr an der Ostflanke",
                        "text", "Die Verteidigungsminister wollen Radaranlagen und Abfangdrohnen vernetzen."),
                "comment", comment));
    }

    @Test
    void assessesACommentWithScoresFlagsAndReasons() {
        HttpResponse<String> response = api("POST", ASSESS, request("Halt die Fresse, du Vollidiot!"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        JsonNode a = body(response);
        assertThat(a.propertyNames()).containsExactlyInAnyOrder("offTopic", "demeaning", "spam");
        for (String label : new String[] {"offTopic", "demeaning", "spam"}) {
            assertThat(a.path(label).propertyNames()).containsExactlyInAnyOrder("score", "flagged", "because");
            assertThat(a.path(label).path("score").asDouble()).isBetween(0.0, 1.0);
            assertThat(a.path(label).path("because").isArray()).isTrue();
        }
        assertThat(a.path("demeaning").path("flagged").asBoolean()).isTrue();
        assertThat(a.path("demeaning").path("because").valueStream().map(JsonNode::asString))
                .anySatisfy(reason -> assertThat(reason).contains("Vollidiot"));
        assertThat(a.path("spam").path("flagged").asBoolean()).isFalse();
    }

    @Test
    void aFactualCommentOnTheTopicIsNotFlagged() {
        JsonNode a = body(api("POST", ASSESS, request(
                "Die Radaranlagen an der Ostflanke zu vernetzen ist sinnvoll, aber wer bezahlt die Abfangdrohnen?")));
        assertThat(a.path("offTopic").path("flagged").asBoolean()).isFalse();
        assertThat(a.path("demeaning").path("flagged").asBoolean()).isFalse();
        assertThat(a.path("spam").path("flagged").asBoolean()).isFalse();
    }

    @Test
    void comparesWithTheThreadWhenGiven() {
        String copy = "Verdiene jetzt 500 Euro am Tag mit Drohnen, melde dich bei mir für alle Details dazu.";
        JsonNode a = body(api("POST", ASSESS, """
                {"article": {"title": "Drohnenabwehr"}, "comment": "%s", "thread": ["%s", null]}""".formatted(copy, copy)));
        assertThat(a.path("spam").path("because").valueStream().map(JsonNode::asString)).contains("thread-duplicate");
    }

    @Test
    void refusesAMissingOrHugeCommentInGerman() {
        HttpResponse<String> missing = api("POST", ASSESS, """
                {"article": {"title": "Drohnenabwehr", "text": "Text"}}""");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(body(missing).path("problems").valueStream().map(p -> p.path("field").asString() + ": " + p.path("message").asString()))
                .containsExactly("comment: Bitte ausfüllen.");

        HttpResponse<String> huge = api("POST", ASSESS, request("Drohnen ".repeat(131_072)));
        assertThat(huge.statusCode()).isEqualTo(400);
        assertThat(body(huge).path("problems").valueStream().map(p -> p.path("field").asString() + ": " + p.path("message").asString()))
                .containsExactly("comment: Höchstens 20000 Zeichen.");

        HttpResponse<String> noArticle = api("POST", ASSESS, """
                {"comment": "Ein Kommentar"}""");
        assertThat(noArticle.statusCode()).isEqualTo(400);
        assertThat(body(noArticle).path("problems").get(0).path("field").asString()).isEqualTo("article");

        HttpResponse<String> longTitle = api("POST", ASSESS, json.writeValueAsString(java.util.Map.of(
                "article", java.util.Map.of("title", "T".repeat(1_001)), "comment", "Ein Kommentar")));
        assertThat(longTitle.statusCode()).isEqualTo(400);
        assertThat(body(longTitle).path("problems").valueStream().map(p -> p.path("field").asString() + ": " + p.path("message").asString()))
                .containsExactly("title: Höchstens 1000 Zeichen.");
    }

    @Test
    void answersMalformedJsonAndBrokenEncodingWith400() {
        assertThat(api("POST", ASSESS, "{\"comment\": ").statusCode()).isEqualTo(400);
        assertThat(api("POST", ASSESS, "[1, 2]").statusCode()).isEqualTo(400);
        byte[] latin1 = "{\"article\": {\"title\": \"Gr\u00fc\u00dfe\"}, \"comment\": \"Gr\u00fc\u00dfe\"}".getBytes(StandardCharsets.ISO_8859_1);
        HttpResponse<String> broken = send(HttpRequest.newBuilder(URI.create(url(ASSESS)))
                .header("Authorization", "Bearer " + TestDatabase.ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(latin1)).build());
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(body(broken).path("error").asString()).contains("UTF-8");
        HttpResponse<String> form = send(HttpRequest.newBuilder(URI.create(url(ASSESS)))
                .header("Authorization", "Bearer " + TestDatabase.ADMIN_TOKEN)
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("comment=x")).build());
        assertThat(form.statusCode()).isEqualTo(415);
    }

    @Test
    void answersScriptAndSqlLookingCommentsAsJsonWithoutTrouble() {
        HttpResponse<String> response = api("POST", ASSESS, request("<script>alert('x')</script>'; DROP TABLE comment; --"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("<script>");
        assertThat(body(response).path("demeaning").path("flagged").asBoolean()).isFalse();
    }

    @Test
    void needsAStaffToken() {
        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(URI.create(url(ASSESS)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request("Hallo"))).build());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(api("POST", ASSESS, request("Hallo"), "dp_wrong").statusCode()).isEqualTo(401);

        String moderator = accounts.issueApiToken(data.staff(Role.MODERATOR).id(), "Moderationssystem").secret();
        assertThat(api("POST", ASSESS, request("Hallo"), moderator).statusCode()).isEqualTo(200);
    }

    @Test
    void isDescribedInTheOpenApiDocument() {
        JsonNode openapi = body(get("/api/v1/openapi"));
        assertThat(openapi.path("paths").has(ASSESS)).isTrue();
    }
}
