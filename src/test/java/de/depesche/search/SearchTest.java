package de.depesche.search;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import de.depesche.account.Role;
import de.depesche.article.Article;
import de.depesche.article.ArticleDraft;
import de.depesche.article.ArticleManagement;
import de.depesche.site.SiteProperties;
import de.depesche.support.IntegrationTest;
import de.depesche.support.StaffSession;
import de.depesche.support.TestData;
import de.depesche.support.TestDatabase;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SearchTest extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Autowired
    ArticleManagement articles;

    @Autowired
    ArticleSearch search;

    @Autowired
    SiteProperties site;

    @Autowired
    ObjectMapper json;

    /** A word no other test uses, that the stemmer leaves alone. */
    private static String word() {
        return "Zq" + Long.toString(System.nanoTime(), 36) + "k";
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private Document page(String query) {
        return Jsoup.parse(get("/suche?q=" + enc(query)).body());
    }

    private List<String> titles(String queryString) {
        return Jsoup.parse(get("/suche?" + queryString).body()).select(".search-hit h2 a").eachText();
    }

    private List<String> found(String q) {
        return search.search(SearchQuery.of(q)).hits().stream().map(SearchHit::title).toList();
    }

    private Article publish(String title, String body, String... categories) {
        return data.published(title, "BERLIN", body, categories);
    }

    @Test
    void publishedArticlesAreFoundUpdatesReplaceThemAndWithdrawnOnesDisappear() {
        String first = word();
        String second = word();
        Article a = publish("Bericht " + first, "Der Text nennt " + first + " im ersten Absatz.");
        Article draft = data.draft("Entwurf " + first);
        await().atMost(WAIT).until(() -> found(first).contains(a.title()));
        assertThat(found(first)).doesNotContain(draft.title());

        Article updated = articles.update(a.id(), a.version(), new ArticleDraft("Bericht " + second, null, "BERLIN", "Neuer Vorspann.",
                "Jetzt steht " + second + " im Text.", List.of(), List.of(), null, null, null, null, null), data.admin());
        await().atMost(WAIT).until(() -> found(second).contains(updated.title()));
        assertThat(found(first)).isEmpty();

        articles.unpublish(a.id(), data.admin());
        await().atMost(WAIT).until(() -> found(second).isEmpty());
    }

    @Test
    void germanWordsFindTheirCompoundsPluralsAndUmlautSpellings() {
        String topic = word();
        Article a = publish("Außenminister ringen um Sicherheitsgarantien " + topic,
                "Die NATO-Verteidigungschefs berieten über die Rüstungsindustrie und Straßensperren.");
        await().atMost(WAIT).until(() -> found(topic).contains(a.title()));
        for (String q : List.of("Garantie", "Verteidigungschef", "Aussenminister", "Ruestungsindustrie", "Strassensperre",
                "sicherheitsgarantie", "Rüstung*")) {
            assertThat(found(topic + " " + q)).as(q).containsExactly(a.title());
        }
        assertThat(found(topic + " Garantiefonds")).isEmpty();
    }

    @Test
    void phrasesExclusionsAndPrefixesWorkOnTheSearchPage() {
        String topic = word();
        Article summit = publish("Gipfel in Den Haag " + topic, "Die Staaten einigten sich auf ein Ziel.");
        Article other = publish("Haag und Gipfel " + topic, "Russland war nicht vertreten. Den Gipfel gab es später.");
        await().atMost(WAIT).until(() -> found(topic).size() == 2);

        assertThat(titles("q=" + enc(topic + " \"Gipfel in Den Haag\""))).containsExactly(summit.title());
        assertThat(titles("q=" + enc(topic + " -Russland"))).containsExactly(summit.title());
        assertThat(titles("q=" + enc(topic + " -\"Gipfel in Den Haag\""))).containsExactly(other.title());
        assertThat(titles("q=" + enc(topic + " Russl*"))).containsExactly(other.title());
        assertThat(titles("q=" + enc(topic))).containsExactlyInAnyOrder(summit.title(), other.title());
    }

    @Test
    void theTitleWeighsMoreThanTheBodyAndDateSortingPutsTheNewestFirst() {
        String topic = word();
        Article inTitle = publish("Über " + topic + " wird gestritten", "Ein Text ohne das Wort.");
        Article inBody = publish("Eine andere Meldung", "Weiter unten im Text geht es um " + topic + " und anderes.");
        await().atMost(WAIT).until(() -> found(topic).size() == 2);

        assertThat(titles("q=" + topic)).containsExactly(inTitle.title(), inBody.title());
        assertThat(titles("q=" + topic + "&sortierung=datum")).containsExactly(inBody.title(), inTitle.title());
        assertThat(titles("q=" + topic + "&archiv=1")).containsExactly(inTitle.title(), inBody.title());
    }

    @Test
    void filtersByCategoryAndDate() {
        String topic = word();
        data.category("Sicherheitspolitik");
        data.category("Technik");
        Article politics = publish("Politik " + topic, "Text.", "sicherheitspolitik");
        Article tech = publish("Technik " + topic, "Text.", "technik");
        await().atMost(WAIT).until(() -> found(topic).size() == 2);

        assertThat(titles("q=" + topic + "&kategorie=technik")).containsExactly(tech.title());
        LocalDate today = LocalDate.now(site.timeZone());
        assertThat(titles("q=" + topic + "&von=" + today + "&bis=" + today)).containsExactlyInAnyOrder(politics.title(), tech.title());
        assertThat(titles("q=" + topic + "&bis=" + today.minusDays(1))).isEmpty();
        assertThat(titles("q=" + topic + "&von=" + today.plusDays(1))).isEmpty();
    }

    @Test
    void snippetsMarkTheWordsAndEscapeEverythingElse() {
        String topic = word();
        Article a = publish("<script>alert('" + topic + "')</script> Titel", "Vorher <img src=x onerror=alert(1)> dann "
                + topic + " & <b>fett</b> danach.");
        await().atMost(WAIT).until(() -> found(topic).contains(a.title()));

        HttpResponse<String> response = get("/suche?q=" + topic);
        assertThat(response.statusCode()).isEqualTo(200);
        Document page = Jsoup.parse(response.body());
        assertThat(page.select(".search-results script, .search-results img, .search-results b")).isEmpty();
        assertThat(page.select(".search-hit h2 a").text()).contains("<script>alert(");
        assertThat(page.select(".search-hit mark").eachText()).contains(topic);
        assertThat(page.select("meta[name=robots]").attr("content")).contains("noindex");
        assertThat(page.select(".research-links a").eachAttr("href"))
                .anyMatch(h -> h.startsWith("https://www.google.com/search?q=" + topic))
                .anyMatch(h -> h.startsWith("https://www.bing.com/search?q="))
                .anyMatch(h -> h.startsWith("https://news.google.com/search?q="));
    }

    @Test
    void suggestsACorrectionWhenNothingMatches() {
        String topic = "Klimakonferenz" + Long.toString(System.nanoTime(), 36).replaceAll("[0-9]", "") + "tor";
        Article a = publish("Bericht von der " + topic, "Text.");
        await().atMost(WAIT).until(() -> found(topic).contains(a.title()));
        String typo = topic.substring(0, 3) + topic.charAt(4) + topic.charAt(3) + topic.substring(5);

        Document page = page(typo);
        assertThat(page.select(".search-empty").text()).contains("nichts gefunden").contains("Meinten Sie");
        assertThat(page.select(".search-empty a").text()).isEqualToIgnoringCase(topic);
        assertThat(Jsoup.parse(get(page.select(".search-empty a").attr("href")).body()).select(".search-hit h2 a").eachText())
                .contains(a.title());
    }

    @Test
    void queriesItCannotAnswerGetAHelpfulPageNeverAnError() {
        for (String[] bad : List.of(
                new String[] {"q=" + enc("\"offen"), "Anführungszeichen"},
                new String[] {"q=" + enc("*garantie"), "Wortanfang"},
                new String[] {"q=" + "x".repeat(10_000), "zu lang"},
                new String[] {"q=NATO%00Gipfel", "Steuerzeichen"},
                new String[] {"q=" + enc("-NATO"), "Minus"},
                new String[] {"q=NATO&seite=abc", "Ergebnisseiten"},
                new String[] {"q=NATO&seite=100000", "Ergebnisseiten"},
                new String[] {"q=NATO&von=gestern", "Datum"},
                new String[] {"q=NATO&von=2025-02-01&bis=2025-01-01", "Bis-Datum"},
                new String[] {"q=NATO&sortierung=zufall", "Sortiert"},
                new String[] {"q=NATO&kategorie=gibt-es-nicht", "Kategorie"})) {
            HttpResponse<String> response = get("/suche?" + bad[0]);
            assertThat(response.statusCode()).as(bad[0].substring(0, Math.min(40, bad[0].length()))).isEqualTo(400);
            Document page = Jsoup.parse(response.body());
            assertThat(page.select(".problems").text()).as(bad[1]).contains(bad[1]);
            assertThat(page.select("form[role=search] input[name=q]")).hasSize(1);
        }
        for (String odd : List.of("q=%C3%28", "q=" + enc("' OR 1=1; --"), "q=" + enc("title:(a AND b)~2^3"), "q=",
                "q=" + enc("der die das"), "q=%E2%80%AE")) {
            assertThat(get("/suche?" + odd).statusCode()).as(odd).isIn(200, 400);
        }
        Document reflected = page("<script>alert(1)</script>");
        assertThat(reflected.select("input[name=q]").attr("value")).isEqualTo("<script>alert(1)</script>");
        assertThat(get("/suche?q=" + enc("<script>alert(1)</script>")).body()).doesNotContain("<script>alert(1)</script>");
    }

    @Test
    void theSearchPageWorksWithoutQueryAndInEnglish() {
        Document empty = Jsoup.parse(get("/suche").body());
        assertThat(empty.select("h1").text()).isEqualTo("Suche");
        assertThat(empty.select("label[for=search-q]")).hasSize(1);
        assertThat(empty.select(".search-results")).isEmpty();
        assertThat(Jsoup.parse(get("/suche?lang=en").body()).select("h1").text()).isEqualTo("Search");
    }

    @Test
    void similarArticlesAppearUnderTheArticleAndInTheApi() {
        String topic = word();
        String body = "Quantenkryptografie schützt Glasfaserstrecken zwischen Rechenzentren. " + topic
                + " Satellitenschlüssel und Quantenkryptografie sollen Behördennetze sichern.";
        Article a = publish("Quantenkryptografie für Behörden " + topic, body);
        Article b = publish("Satellitenschlüssel im Test " + topic, body + " Die Tests laufen bis zum Sommer.");
        Article c = publish("Glasfaserstrecken werden quantensicher " + topic, "Rechenzentren und Quantenkryptografie: "
                + topic + " Glasfaserstrecken, Satellitenschlüssel.");
        Article unrelated = publish("Fußball-Bundesliga " + word(), "Der Tabellenführer gewann das Spitzenspiel deutlich.");
        await().atMost(WAIT).until(() -> search.findSimilar(a.id(), 5).size() >= 2);

        await().atMost(WAIT).untilAsserted(() -> {
            Document page = Jsoup.parse(get(a.path()).body());
            assertThat(page.select(".similar h2").text()).isEqualTo("Ähnliche Artikel");
            assertThat(page.select(".similar > ul a").eachText()).contains(b.title(), c.title())
                    .doesNotContain(a.title(), unrelated.title());
        });

        JsonNode similar = json.readTree(get("/api/v1/articles/" + a.id() + "/similar?limit=2").body());
        assertThat(similar.path("articleId").asLong()).isEqualTo(a.id());
        assertThat(similar.path("items")).hasSize(2);
        JsonNode best = similar.path("items").get(0);
        assertThat(List.of(b.id(), c.id())).contains(best.path("id").asLong());
        assertThat(best.path("url").asString()).startsWith("http").contains("/");
        assertThat(best.path("score").asDouble()).isBetween(0.01, 1.0);

        List<SimilarArticle> earlier = search.earlierArticlesSimilarTo(c.id(), 0.05);
        assertThat(earlier).extracting(SimilarArticle::articleId).contains(a.id(), b.id()).doesNotContain(c.id(), unrelated.id());
        assertThat(search.earlierArticlesSimilarTo(a.id(), 0.05)).extracting(SimilarArticle::articleId).doesNotContain(b.id(), c.id());
        assertThat(search.earlierArticlesSimilarTo(c.id(), 1.01)).isEmpty();
        assertThat(search.findSimilar(999_999_999L, 5)).isEmpty();
    }

    @Test
    void theApiSearchesPublicAndAnswersMistakesAsJson() {
        String topic = word();
        Article a = publish("Schnittstelle " + topic, "Der Text über " + topic + ".");
        Article draft = data.draft("Entwurf " + topic);
        await().atMost(WAIT).until(() -> found(topic).contains(a.title()));

        HttpResponse<String> response = get("/api/v1/search?q=" + topic);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).contains("application/json");
        JsonNode body = json.readTree(response.body());
        assertThat(body.path("total").asLong()).isEqualTo(1);
        assertThat(body.path("items").get(0).path("id").asLong()).isEqualTo(a.id());
        assertThat(body.path("items").get(0).path("url").asString()).endsWith(a.path());
        assertThat(body.path("items").get(0).path("snippet").asString()).contains("<mark>" + topic + "</mark>");

        assertThat(get("/api/v1/search?q=" + enc("\"offen")).statusCode()).isEqualTo(400);
        assertThat(json.readTree(get("/api/v1/search?q=" + enc("\"offen")).body()).path("problems").get(0).path("field").asString())
                .isEqualTo("q");
        assertThat(get("/api/v1/search").statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/search?q=x&page=0").statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/articles/" + draft.id() + "/similar").statusCode()).isEqualTo(404);
        assertThat(json.readTree(get("/api/v1/articles/999999999/similar").body()).path("status").asInt()).isEqualTo(404);
        assertThat(get("/api/v1/articles/abc/similar").statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/articles/" + a.id() + "/similar?limit=0").statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/articles/" + a.id() + "/similar?limit=500").statusCode()).isEqualTo(400);
    }

    @Test
    void editorsRebuildTheIndexWhileSearchKeepsAnswering() {
        String topic = word();
        Article a = publish("Vor dem Neuaufbau " + topic, "Text.");
        await().atMost(WAIT).until(() -> found(topic).contains(a.title()));

        var editor = data.staff(Role.EDITOR);
        StaffSession session = StaffSession.signedIn(port, editor.email(), TestData.STAFF_PASSWORD);
        Document admin = session.page("/admin/search");
        assertThat(admin.select("h1").text()).isEqualTo("Suchindex");
        assertThat(admin.select(".search-stats dd").first().text()).matches("\\d+");
        HttpResponse<String> started = session.post("/admin/search/rebuild", java.util.Map.of());
        assertThat(started.statusCode()).isEqualTo(302);
        assertThat(found(topic)).contains(a.title());
        await().atMost(WAIT).until(() -> search.rebuildProgress().state() == RebuildProgress.State.DONE);
        assertThat(found(topic)).contains(a.title());
        assertThat(session.page("/admin/search").select(".search-rebuild").text()).contains("Zuletzt neu aufgebaut");

        var author = data.staff(Role.AUTHOR);
        StaffSession authorSession = StaffSession.signedIn(port, author.email(), TestData.STAFF_PASSWORD);
        assertThat(authorSession.get("/admin/search").statusCode()).isEqualTo(403);
        assertThat(new StaffSession(port).get("/admin/search").statusCode()).isEqualTo(302);
        assertThat(TestDatabase.ADMIN_EMAIL).isNotBlank();
    }
}
