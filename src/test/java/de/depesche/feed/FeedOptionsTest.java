package de.depesche.feed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Item;
import com.sun.net.httpserver.HttpServer;
import de.depesche.article.Article;
import de.depesche.article.ArticleManagement;
import de.depesche.comment.Comment;
import de.depesche.comment.CommentManagement;
import de.depesche.comment.CommentSubmission;
import de.depesche.site.SiteChanges;
import de.depesche.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Feeds with the settings an operator may change (excerpts only, fewer items, a WebSub hub) and with
 * feeds that other modules contribute. A second application context: these settings are fixed per process.
 */
@TestPropertySource(properties = {"depesche.feed.content=excerpt", "depesche.feed.size=3",
        "depesche.websub.retry-delay=1s", "depesche.websub.timeout=5s"})
@Import(FeedOptionsTest.Contributions.class)
class FeedOptionsTest extends IntegrationTest {

    /** A WebSub hub that refuses the first ping for every feed (503) and accepts the rest (204). */
    static final TestHub HUB = new TestHub();

    @DynamicPropertySource
    static void hub(DynamicPropertyRegistry registry) {
        registry.add("depesche.websub.hub", HUB::url);
    }

    @Autowired
    ArticleManagement articles;

    @Autowired
    CommentManagement comments;

    @Autowired
    SiteChanges changes;

    @Autowired
    FeedManagement feeds;

    @Autowired
    de.depesche.account.AccountManagement accounts;

    // --- excerpt setting and size ------------------------------------------------------------------

    @Test
    void withExcerptsFeedsCarryTheLeadButNotTheText() {
        Article a = data.published(unique("Nur der Vorspann"), "MAINZ", "Der geheime volle Text des Artikels.");

        Item item = FeedParsing.rss(get("/feed").body()).getItems().stream()
                .filter(i -> i.getTitle().equals(a.title())).findFirst().orElseThrow();
        assertThat(item.getDescription().getValue()).isEqualTo(a.lead());
        assertThat(item.getContent()).isNull();

        Entry entry = FeedParsing.atom(get("/feed/atom").body()).getEntries().stream()
                .filter(e -> e.getTitle().equals(a.title())).findFirst().orElseThrow();
        assertThat(entry.getSummary().getValue()).isEqualTo(a.lead());
        assertThat(entry.getContents()).isEmpty();

        JsonNode json = FeedParsing.jsonFeed(get("/feed.json").body());
        JsonNode jsonItem = json.path("items").get(0);
        assertThat(jsonItem.path("title").asString()).isEqualTo(a.title());
        assertThat(jsonItem.path("content_text").asString()).isEqualTo(a.lead());
        assertThat(jsonItem.has("content_html")).isFalse();

        for (String path : List.of("/feed", "/feed/atom", "/feed.json")) {
            assertThat(get(path).body()).as(path).doesNotContain("geheime volle Text");
        }
    }

    @Test
    void feedsShowTheConfiguredNumberOfNewestItems() {
        List<Article> published = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            published.add(data.published(unique("Meldung " + i)));
        }
        Channel rss = FeedParsing.rss(get("/feed").body());
        assertThat(rss.getItems()).extracting(Item::getTitle)
                .containsExactly(published.get(3).title(), published.get(2).title(), published.get(1).title());
    }

    // --- WebSub ------------------------------------------------------------------------------------

    @Test
    void feedsNameTheHub() {
        assertThat(FeedParsing.atomLinks(FeedParsing.xml(get("/feed").body())))
                .anySatisfy(l -> {
                    assertThat(l.getAttribute("rel")).isEqualTo("hub");
                    assertThat(l.getAttribute("href")).isEqualTo(HUB.url());
                });
        Feed atom = FeedParsing.atom(get("/feed/atom").body());
        assertThat(atom.getOtherLinks()).anySatisfy(l -> {
            assertThat(l.getRel()).isEqualTo("hub");
            assertThat(l.getHref()).isEqualTo(HUB.url());
        });
        assertThat(FeedParsing.jsonFeed(get("/feed.json").body()).path("hubs").get(0).path("url").asString()).isEqualTo(HUB.url());
    }

    @Test
    void publishingPingsTheHubForEveryFeedTheArticleIsInAndRetriesRefusedPings() {
        String category = data.category(unique("Hubrubrik")).slug();
        Article a = data.published(unique("Für den Hub"), "BERLIN", "Text.", category);
        String base = "http://localhost:8080";
        List<String> expected = List.of(base + "/feed", base + "/feed/atom", base + "/feed.json",
                base + "/kategorie/" + category + "/feed", base + "/kategorie/" + category + "/feed/atom",
                base + "/kategorie/" + category + "/feed.json", base + "/tag/" + a.tags().getFirst().slug() + "/feed",
                base + "/autor/" + accounts.find(a.authorId()).orElseThrow().slug() + "/feed");

        // The hub refuses each feed's first ping; the second attempt, a moment later, gets through.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String topic : expected) {
                assertThat(HUB.accepted()).as(topic).contains(topic);
            }
        });
        String topic = base + "/kategorie/" + category + "/feed";
        assertThat(HUB.pings().stream().filter(p -> p.topic().equals(topic)).map(TestHub.Ping::status))
                .containsExactly(503, 204);
        TestHub.Ping ping = HUB.pings().stream().filter(p -> p.topic().equals(topic)).findFirst().orElseThrow();
        assertThat(ping.contentType()).isEqualTo("application/x-www-form-urlencoded");
        assertThat(ping.form()).containsEntry("hub.mode", "publish").containsEntry("hub.url", topic);
    }

    @Test
    void withdrawingAndApprovingCommentsPingTheHubToo() {
        String category = data.category(unique("Rückzug")).slug();
        Article a = data.published(unique("Wird zurückgezogen"), "BERLIN", "Text.", category);
        Comment c = comments.submit(new CommentSubmission(a.id(), null, "Lea", "lea-" + System.nanoTime() + "@example.org",
                "Ein Kommentar.", false, true), "10.1.2.3");
        comments.approve(c.id(), data.admin());
        String commentsTopic = "http://localhost:8080" + a.path() + "/kommentare/feed";
        await().atMost(Duration.ofSeconds(30)).until(() -> HUB.accepted().contains(commentsTopic));

        String categoryTopic = "http://localhost:8080/kategorie/" + category + "/feed/atom";
        await().atMost(Duration.ofSeconds(30)).until(() -> HUB.accepted().contains(categoryTopic));
        long before = HUB.pings().stream().filter(p -> p.topic().equals(categoryTopic)).count();
        articles.unpublish(a.id(), data.admin());
        await().atMost(Duration.ofSeconds(30)).until(() ->
                HUB.pings().stream().filter(p -> p.topic().equals(categoryTopic) && p.status() == 204).count() >= 2
                        && HUB.pings().stream().filter(p -> p.topic().equals(categoryTopic)).count() > before);
    }

    @Test
    void similarNewsFoundForAnEarlierArticleAnnouncesThatArticlesFeed() {
        String text = """
                Im Hafen von Rostock haben Ingenieure eine schwimmende Wasserstoff-Elektrolyse erprobt.
                Die Anlage auf einem umgebauten Ponton soll Windstrom von der Ostsee direkt in Wasserstoff verwandeln.
                Die Betreiber rechnen mit dem ersten Dauerbetrieb der Elektrolyse im kommenden Frühjahr.""";
        // Word weights need a few other articles beside the two (in an index of two, shared words weigh nothing).
        for (String other : List.of("Der Stadtrat von Erfurt streitet über neue Radwege am Domplatz.",
                "Ein Orchester aus Leipzig spielt zum ersten Mal in der Elbphilharmonie.",
                "Die Bauern im Allgäu klagen über den trockenen Sommer und niedrige Milchpreise.")) {
            data.published(unique("Nebenbei"), "BERLIN", other);
        }
        Article earlier = data.published(unique("Schwimmende Elektrolyse im Rostocker Hafen"), "ROSTOCK", text);
        // Similar news is looked for among what the search index holds; the earlier article must be in it first.
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/v1/search?q=Elektrolyse+Ponton").body().contains(earlier.title()));
        String topic = "http://localhost:8080" + FeedManagement.similarNewsPath(earlier.slug());
        Article later = data.published(unique("Wasserstoff-Ponton in Rostock geht in Betrieb"), "ROSTOCK",
                text.replace("erprobt", "in Betrieb genommen") + "\nDer Windstrom der Ostsee reicht für den Dauerbetrieb der Elektrolyse.");

        // The matcher stores the pair for the earlier article's similar-news feed and tells the hub, in all three formats.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(HUB.accepted())
                .contains(topic, topic + "/atom", topic + ".json"));
        assertThat(FeedParsing.rss(get(earlier.path() + "/feed").body()).getItems()).extracting(Item::getTitle).contains(later.title());
        String laterTopic = "http://localhost:8080" + FeedManagement.similarNewsPath(later.slug());
        assertThat(HUB.pings()).as("nothing new appeared for the later article").noneMatch(p -> p.topic().equals(laterTopic));
    }

    // --- contributed feeds -------------------------------------------------------------------------

    @Test
    void aContributedFeedIsServedInAllFormatsWithTheSiteArticlesInIt() {
        Article a = data.published(unique("Im Abo-Feed"));
        Contributions.ARTICLES.put("oeffentlich-1", List.of(a.id()));

        HttpResponse<String> rssResponse = get("/feed/test/oeffentlich-1");
        assertThat(rssResponse.statusCode()).isEqualTo(200);
        Channel rss = FeedParsing.rss(rssResponse.body());
        assertThat(rss.getTitle()).isEqualTo("Testfeed oeffentlich-1 – Übersicht");
        assertThat(rss.getItems()).extracting(Item::getTitle).containsExactly(a.title());
        assertThat(rss.getItems().getFirst().getDescription().getValue()).isEqualTo(a.lead());
        Feed atom = FeedParsing.atom(get("/feed/test/oeffentlich-1/atom").body());
        assertThat(atom.getId()).isEqualTo("http://localhost:8080/feed/test/oeffentlich-1/atom");
        assertThat(atom.getEntries()).extracting(Entry::getTitle).containsExactly(a.title());
        JsonNode json = FeedParsing.jsonFeed(get("/feed/test/oeffentlich-1.json").body());
        assertThat(json.path("feed_url").asString()).isEqualTo("http://localhost:8080/feed/test/oeffentlich-1.json");
        // A public contributed feed goes through the page cache like the site's own feeds.
        String etag = rssResponse.headers().firstValue("ETag").orElseThrow();
        assertThat(get("/feed/test/oeffentlich-1?utm_source=x", "If-None-Match", etag).statusCode()).isEqualTo(304);

        assertThat(get("/feed/test/unbekannt").statusCode()).isEqualTo(404);
        assertThat(get("/feed/anderes/oeffentlich-1").statusCode()).isEqualTo(404);
    }

    @Test
    void aPrivateFeedIsValidatedByItsETagAndKeptOutOfSharedCachesAndSearchEngines() {
        Article a = data.published(unique("Persönlich"));
        Contributions.ARTICLES.put("privat-2", List.of(a.id()));

        HttpResponse<String> first = get("/feed/test/privat-2");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Cache-Control").orElseThrow()).contains("private").contains("no-cache");
        assertThat(first.headers().firstValue("X-Robots-Tag")).hasValue("noindex");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = get("/feed/test/privat-2", "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);

        // Rendered per request: a change shows at once, with a new ETag.
        Article b = data.published(unique("Noch persönlicher"));
        Contributions.ARTICLES.put("privat-2", List.of(b.id(), a.id()));
        HttpResponse<String> changed = get("/feed/test/privat-2", "If-None-Match", etag);
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(FeedParsing.rss(changed.body()).getItems()).extracting(Item::getTitle).containsExactly(b.title(), a.title());
    }

    @Test
    void articleEntriesSkipUnknownAndUnpublishedArticles() {
        Article live = data.published(unique("Sichtbar"));
        Article draft = data.draft(unique("Unsichtbar"));
        assertThat(feeds.articleEntries(List.of(draft.id(), live.id(), 987_654_321L, live.id())))
                .extracting(FeedEntry::title).containsExactly(live.title());
    }

    @Test
    void similarNewsComeFromTheContributingModuleAndUpdateWhenItRecordsAChange() {
        // Texts that share nothing, so that the subscription module's own similar news (also a source) stays out.
        Article origin = data.published(unique("Ursprung"), "AACHEN", "Ein Bäcker eröffnet am Markt eine zweite Filiale.");
        Article older = data.published(unique("Ähnlich, früher"), "DRESDEN", "Die Semperoper zeigt im Winter drei Premieren.");
        Article newer = data.published(unique("Ähnlich, später"), "FLENSBURG", "Ein Frachter lief bei Sturm vor der Förde auf Grund.");
        Article hidden = data.draft(unique("Ähnlich, aber Entwurf"));
        Contributions.SIMILAR.put(origin.id(), List.of(older.id(), hidden.id(), origin.id()));

        assertThat(FeedParsing.rss(get(origin.path() + "/feed").body()).getItems()).extracting(Item::getTitle)
                .containsExactly(older.title());

        Contributions.SIMILAR.put(origin.id(), List.of(older.id(), newer.id()));
        changes.record(FeedManagement.similarNewsTag(origin.id()));
        assertThat(FeedParsing.rss(get(origin.path() + "/feed").body()).getItems()).extracting(Item::getTitle)
                .containsExactly(newer.title(), older.title());
        assertThat(FeedParsing.jsonTitles(FeedParsing.jsonFeed(get(origin.path() + "/feed.json").body())))
                .containsExactly(newer.title(), older.title());
    }

    /** What the subscription module will contribute, reduced to what the feed module must handle. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Contributions {

        static final Map<String, List<Long>> ARTICLES = new ConcurrentHashMap<>();
        static final Map<Long, List<Long>> SIMILAR = new ConcurrentHashMap<>();

        @Bean
        FeedSource testFeeds(FeedManagement feeds) {
            return new FeedSource() {
                @Override
                public String kind() {
                    return "test";
                }

                @Override
                public Optional<FeedContent> feed(String key) {
                    List<Long> ids = ARTICLES.get(key);
                    if (ids == null) {
                        return Optional.empty();
                    }
                    return Optional.of(new FeedContent("Testfeed " + key + " – Übersicht", "Was dieses Abo liefert",
                            "/feed/test/" + key, "/", null, feeds.articleEntries(ids),
                            key.startsWith("privat") ? Set.of() : Set.of("list")));
                }
            };
        }

        @Bean
        SimilarNewsSource testSimilarNews() {
            return (articleId, limit) -> new SimilarNewsSource.SimilarNews(SIMILAR.getOrDefault(articleId, List.of()), Set.of());
        }
    }

    /** A local WebSub hub that records what it is told. */
    static final class TestHub {

        record Ping(String topic, String contentType, Map<String, String> form, int status) {}

        private final HttpServer server;
        private final ConcurrentLinkedQueue<Ping> pings = new ConcurrentLinkedQueue<>();

        TestHub() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/hub", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Map<String, String> form = new ConcurrentHashMap<>();
                for (String pair : body.split("&")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                                URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                    }
                }
                String topic = form.getOrDefault("hub.url", "");
                boolean seen = pings.stream().anyMatch(p -> p.topic().equals(topic));
                int status = "POST".equals(exchange.getRequestMethod()) && seen ? 204 : 503;
                pings.add(new Ping(topic, exchange.getRequestHeaders().getFirst("Content-Type"), form, status));
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hub";
        }

        List<Ping> pings() {
            return List.copyOf(pings);
        }

        Set<String> accepted() {
            return Set.copyOf(pings.stream().filter(p -> p.status() == 204).map(Ping::topic).toList());
        }
    }
}
