package de.depesche.feed;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.module.DCModule;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Item;
import de.depesche.account.Role;
import de.depesche.account.StaffMember;
import de.depesche.article.Article;
import de.depesche.article.ArticleDraft;
import de.depesche.article.ArticleManagement;
import de.depesche.article.Category;
import de.depesche.comment.Comment;
import de.depesche.comment.CommentManagement;
import de.depesche.comment.CommentSubmission;
import de.depesche.support.IntegrationTest;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The feeds as feed readers fetch them: over HTTP, parsed strictly. */
class FeedsTest extends IntegrationTest {

    private static final String BASE = "http://localhost:8080";

    @Autowired
    ArticleManagement articles;

    @Autowired
    CommentManagement comments;

    // --- the site feed -----------------------------------------------------------------------------

    @Test
    void siteFeedListsTheLatestArticlesNewestFirstInAllThreeFormats() {
        Article older = data.published(unique("Bürgerdialog in Görlitz"));
        Article newer = data.published(unique("Straßenbau in Öhringen"), "ÖHRINGEN",
                "Die Brücke über die Öhrn wird für 3 Mio. € saniert.\n\nZweiter Absatz.");
        Article draft = data.draft(unique("Unveröffentlicht"));

        HttpResponse<String> rssResponse = get("/feed");
        assertThat(rssResponse.statusCode()).isEqualTo(200);
        assertThat(rssResponse.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("application/rss+xml;charset=UTF-8");
        Channel rss = FeedParsing.rss(rssResponse.body());
        assertThat(rss.getTitle()).isEqualTo("Depesche");
        assertThat(rss.getLink()).isEqualTo(BASE + "/");
        assertThat(rss.getLanguage()).isEqualTo("de");
        List<String> titles = rss.getItems().stream().map(Item::getTitle).toList();
        assertThat(titles).hasSizeLessThanOrEqualTo(30).contains(older.title(), newer.title()).doesNotContain(draft.title());
        assertThat(titles.indexOf(newer.title())).isLessThan(titles.indexOf(older.title()));
        Item item = item(rss, newer.title());
        assertThat(item.getLink()).isEqualTo(BASE + newer.path());
        assertThat(item.getPubDate().toInstant()).isEqualTo(newer.publishedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        assertThat(item.getDescription().getValue()).isEqualTo(newer.lead());
        // Full text by default, with the dateline in front as on the article page; umlauts and € intact.
        assertThat(item.getContent().getValue()).startsWith("<p><span class=\"dateline\">ÖHRINGEN (Depesche) –</span> Die Brücke über die Öhrn wird für 3 Mio. € saniert.</p>");
        assertThat(((DCModule) item.getModule(DCModule.URI)).getCreator()).isEqualTo("Administration");

        HttpResponse<String> atomResponse = get("/feed/atom");
        assertThat(atomResponse.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("application/atom+xml;charset=UTF-8");
        Feed atom = FeedParsing.atom(atomResponse.body());
        assertThat(atom.getEntries().stream().map(Entry::getTitle).toList()).containsSubsequence(newer.title(), older.title());
        Entry entry = atom.getEntries().stream().filter(e -> e.getTitle().equals(newer.title())).findFirst().orElseThrow();
        assertThat(entry.getContents().getFirst().getValue()).contains("ÖHRINGEN (Depesche)");
        assertThat(entry.getSummary().getValue()).isEqualTo(newer.lead());
        assertThat(entry.getAuthors().getFirst().getName()).isEqualTo("Administration");
        assertThat(entry.getId()).isEqualTo(item.getGuid().getValue());

        HttpResponse<String> jsonResponse = get("/feed.json");
        assertThat(jsonResponse.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("application/feed+json;charset=UTF-8");
        JsonNode json = FeedParsing.jsonFeed(jsonResponse.body());
        assertThat(json.path("feed_url").asString()).isEqualTo(BASE + "/feed.json");
        assertThat(FeedParsing.jsonTitles(json)).containsSubsequence(newer.title(), older.title());
    }

    @Test
    void scriptsInArticleBodiesNeverReachTheFeed() {
        Article a = data.published(unique("Angriffsversuch"), "BERLIN",
                "Harmlos <script>alert('feed')</script> und <img src=x onerror=alert(1)> [klick](javascript:alert(2))\n\n"
                        + "<iframe src=\"https://evil.example\"></iframe>Ende.");
        // What a reader's feed client gets as the item's HTML, after XML or JSON decoding.
        String rss = item(FeedParsing.rss(get("/feed").body()), a.title()).getContent().getValue();
        String atom = FeedParsing.atom(get("/feed/atom").body()).getEntries().stream()
                .filter(e -> e.getTitle().equals(a.title())).findFirst().orElseThrow().getContents().getFirst().getValue();
        String json = "";
        for (JsonNode item : FeedParsing.jsonFeed(get("/feed.json").body()).path("items")) {
            if (item.path("title").asString().equals(a.title())) {
                json = item.path("content_html").asString();
            }
        }
        for (String html : List.of(rss, atom, json)) {
            assertThat(html).contains("Harmlos").contains("Ende.").doesNotContainIgnoringCase("<script")
                    .doesNotContain("alert(").doesNotContain("onerror").doesNotContain("javascript:").doesNotContain("iframe");
        }
    }

    @Test
    void linksAndImagesInArticlesBecomeAbsoluteInFeeds() {
        Category c = data.category(unique("Verlinkt"));
        Article a = data.published(unique("Mit Verweis"), "KIEL", "Siehe [die Rubrik](/kategorie/" + c.slug() + ").");
        Item item = item(FeedParsing.rss(get("/feed").body()), a.title());
        assertThat(item.getContent().getValue()).contains("href=\"" + BASE + "/kategorie/" + c.slug() + "\"");
    }

    // --- lists -------------------------------------------------------------------------------------

    @Test
    void categoryTagAndAuthorFeedsListOnlyTheirArticles() {
        Category category = data.category(unique("Raumfahrt"));
        StaffMember writer = data.staff(Role.EDITOR);
        String tag = unique("Mondlandung");
        Article inside = articles.publish(articles.create(new ArticleDraft(unique("Start der Rakete"), null, "KOUROU",
                "Ein Vorspann.", "Text über Raketen.", List.of(category.slug()), List.of(tag), null, null, null, null, null),
                data.principal(writer)).id(), data.admin());
        Article outside = data.published(unique("Anderes Thema"));

        Channel byCategory = FeedParsing.rss(get("/kategorie/" + category.slug() + "/feed").body());
        assertThat(byCategory.getTitle()).isEqualTo("Depesche – " + category.name());
        assertThat(byCategory.getLink()).isEqualTo(BASE + "/kategorie/" + category.slug());
        assertThat(byCategory.getItems()).extracting(Item::getTitle).containsExactly(inside.title());

        String tagSlug = inside.tags().getFirst().slug();
        Feed byTag = FeedParsing.atom(get("/tag/" + tagSlug + "/feed/atom").body());
        assertThat(byTag.getTitle()).isEqualTo("Depesche – Thema: " + tag);
        assertThat(byTag.getEntries()).extracting(Entry::getTitle).containsExactly(inside.title());

        JsonNode byAuthor = FeedParsing.jsonFeed(get("/autor/" + writer.slug() + "/feed.json").body());
        assertThat(byAuthor.path("title").asString()).isEqualTo("Depesche – " + writer.displayName());
        assertThat(FeedParsing.jsonTitles(byAuthor)).containsExactly(inside.title()).doesNotContain(outside.title());
        assertThat(byAuthor.path("items").get(0).path("authors").get(0).path("name").asString()).isEqualTo(writer.displayName());
    }

    @Test
    void anEmptyCategoryHasAValidEmptyFeed() {
        Category empty = data.category(unique("Leere Rubrik"));
        assertThat(FeedParsing.rss(get("/kategorie/" + empty.slug() + "/feed").body()).getItems()).isEmpty();
        assertThat(FeedParsing.atom(get("/kategorie/" + empty.slug() + "/feed/atom").body()).getEntries()).isEmpty();
        assertThat(FeedParsing.jsonFeed(get("/kategorie/" + empty.slug() + "/feed.json").body()).path("items")).isEmpty();
    }

    @Test
    void aWithdrawnArticleLeavesTheFeedAtOnce() {
        Article a = data.published(unique("Bald zurückgezogen"));
        assertThat(get("/feed").body()).contains(a.title());
        articles.unpublish(a.id(), data.admin());
        assertThat(get("/feed").body()).doesNotContain(a.title());
        assertThat(get("/feed.json").body()).doesNotContain(a.title());
    }

    // --- per article -------------------------------------------------------------------------------

    @Test
    void commentFeedCarriesOnlyApprovedCommentsNewestFirstWithTheirTextEscaped() {
        Article a = data.published(unique("Kommentierter Bericht"));
        Comment first = comment(a, "Anna", "Erster Gedanke zur Sache.\n\nMit <b>zwei</b> Absätzen & mehr.");
        Comment second = comment(a, "Jörg", "Zweiter Gedanke: Größe zählt.");
        Comment pending = comment(a, "Paul", "Noch nicht freigeschaltet.");
        comments.approve(first.id(), data.admin());
        comments.approve(second.id(), data.admin());

        HttpResponse<String> response = get(a.path() + "/kommentare/feed");
        assertThat(response.statusCode()).isEqualTo(200);
        Channel rss = FeedParsing.rss(response.body());
        assertThat(rss.getTitle()).isEqualTo("Kommentare zu »" + a.title() + "«");
        assertThat(rss.getItems()).extracting(Item::getTitle).containsExactly("Kommentar von Jörg", "Kommentar von Anna");
        Item anna = rss.getItems().get(1);
        assertThat(anna.getLink()).isEqualTo(BASE + a.path() + "#kommentar-" + first.id());
        assertThat(anna.getDescription().getValue())
                .isEqualTo("<p>Erster Gedanke zur Sache.</p><p>Mit &lt;b&gt;zwei&lt;/b&gt; Absätzen &amp; mehr.</p>");
        assertThat(response.body()).doesNotContain(pending.text()).doesNotContain("@example.org");

        Feed atom = FeedParsing.atom(get(a.path() + "/kommentare/feed/atom").body());
        assertThat(atom.getEntries()).hasSize(2);
        assertThat(atom.getEntries().getFirst().getAuthors().getFirst().getName()).isEqualTo("Jörg");
        assertThat(FeedParsing.jsonTitles(FeedParsing.jsonFeed(get(a.path() + "/kommentare/feed.json").body())))
                .containsExactly("Kommentar von Jörg", "Kommentar von Anna");
    }

    @Test
    void anApprovalShowsUpInTheCommentFeedDespiteThePageCache() {
        Article a = data.published(unique("Diskussion"));
        assertThat(FeedParsing.rss(get(a.path() + "/kommentare/feed").body()).getItems()).isEmpty();
        Comment c = comment(a, "Clara", "Jetzt freigeschaltet.");
        comments.approve(c.id(), data.admin());
        assertThat(FeedParsing.rss(get(a.path() + "/kommentare/feed").body()).getItems()).hasSize(1);
    }

    @Test
    void similarNewsFeedOfAnArticleIsValidEvenBeforeAnythingSimilarAppeared() {
        Article a = data.published(unique("Ausgangsartikel"));
        for (String path : List.of(a.path() + "/feed", a.path() + "/feed/atom", a.path() + "/feed.json")) {
            assertThat(get(path).statusCode()).as(path).isEqualTo(200);
        }
        Channel rss = FeedParsing.rss(get(a.path() + "/feed").body());
        assertThat(rss.getTitle()).isEqualTo("Ähnliche News zu »" + a.title() + "«");
        assertThat(rss.getLink()).isEqualTo(BASE + a.path());
        assertThat(FeedParsing.atom(get(a.path() + "/feed/atom").body()).getTitle()).isEqualTo(rss.getTitle());
    }

    @Test
    void articleFeedsFollowARenamedArticle() {
        Article a = data.published(unique("Alter Titel"));
        Article renamed = articles.update(a.id(), a.version(), new ArticleDraft(a.title(), "neu-benannt-" + a.id(),
                a.dateline(), a.lead(), a.bodyMarkdown(), List.of(), List.of(), null, null, null, null, null), data.admin());

        for (String suffix : List.of("/feed", "/feed/atom", "/feed.json", "/kommentare/feed", "/kommentare/feed/atom",
                "/kommentare/feed.json")) {
            HttpResponse<String> response = get(a.path() + suffix);
            assertThat(response.statusCode()).as(suffix).isEqualTo(301);
            assertThat(response.headers().firstValue("Location").orElseThrow()).as(suffix).isEqualTo(renamed.path() + suffix);
        }
    }

    // --- conditional GET and caching ---------------------------------------------------------------

    @Test
    void answersConditionalRequestsWith304AndKeepsTheContentTypeFromTheCache() {
        Category c = data.category(unique("Bedingt"));
        data.published(unique("Für bedingte Abrufe"), "BONN", "Text.", c.slug());
        for (String path : List.of("/feed", "/feed/atom", "/feed.json", "/kategorie/" + c.slug() + "/feed")) {
            HttpResponse<String> first = get(path);
            HttpResponse<String> cached = get(path);
            assertThat(cached.headers().firstValue("Content-Type")).as(path).isEqualTo(first.headers().firstValue("Content-Type"));
            assertThat(cached.body()).isEqualTo(first.body());
            String etag = first.headers().firstValue("ETag").orElseThrow();
            String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();
            assertThat(first.headers().firstValue("Cache-Control").orElseThrow()).startsWith("public, max-age=");

            HttpResponse<String> byEtag = get(path, "If-None-Match", etag);
            assertThat(byEtag.statusCode()).as(path).isEqualTo(304);
            assertThat(byEtag.body()).isEmpty();
            assertThat(get(path, "If-Modified-Since", lastModified).statusCode()).as(path).isEqualTo(304);
            String earlier = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    java.time.ZonedDateTime.parse(lastModified, DateTimeFormatter.RFC_1123_DATE_TIME).minusHours(1));
            assertThat(get(path, "If-Modified-Since", earlier).statusCode()).as(path).isEqualTo(200);
            assertThat(get(path, "If-None-Match", "\"anders\"").statusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    void aNewArticleChangesTheValidatorsSoClientsFetchTheFeedAgain() {
        data.published(unique("Vorher"));
        HttpResponse<String> before = get("/feed");
        String etag = before.headers().firstValue("ETag").orElseThrow();
        String lastModified = before.headers().firstValue("Last-Modified").orElseThrow();
        // HTTP dates count whole seconds; a change within the second of the last fetch only the ETag can tell.
        sleepPastTheSecond();
        Article after = data.published(unique("Nachher"));

        HttpResponse<String> byEtag = get("/feed", "If-None-Match", etag);
        assertThat(byEtag.statusCode()).isEqualTo(200);
        assertThat(byEtag.body()).contains(after.title());
        HttpResponse<String> byDate = get("/feed", "If-Modified-Since", lastModified);
        assertThat(byDate.statusCode()).isEqualTo(200);
        assertThat(byDate.body()).contains(after.title());
    }

    @Test
    void aWithdrawalChangesTheValidatorsTooThoughTheNewestItemIsOlderThen() {
        Article a = data.published(unique("Gleich wieder weg"));
        HttpResponse<String> before = get("/feed");
        String lastModified = before.headers().firstValue("Last-Modified").orElseThrow();
        sleepPastTheSecond();
        articles.unpublish(a.id(), data.admin());

        HttpResponse<String> byDate = get("/feed", "If-Modified-Since", lastModified);
        assertThat(byDate.statusCode()).isEqualTo(200);
        assertThat(byDate.body()).doesNotContain(a.title());
    }

    private static void sleepPastTheSecond() {
        try {
            Thread.sleep(1_100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aQueryStringGetsTheSameFeedFromTheSameCacheEntry() {
        data.published(unique("Mit Tracking-Parametern"));
        HttpResponse<String> plain = get("/feed");
        String etag = plain.headers().firstValue("ETag").orElseThrow();
        for (String query : List.of("?utm_source=newsletter&utm_medium=email", "?lang=en", "?seite=2", "?x=%3Cscript%3E",
                "?" + "a=1&".repeat(500), "?%C3%28", "?=")) {
            HttpResponse<String> response = get("/feed" + query);
            assertThat(response.statusCode()).as(query).isEqualTo(200);
            assertThat(response.headers().firstValue("ETag")).as(query).hasValue(etag);
            assertThat(response.body()).as(query).isEqualTo(plain.body());
            assertThat(get("/feed" + query, "If-None-Match", etag).statusCode()).as(query).isEqualTo(304);
        }
        // The language of a feed is the site's: ?lang=en does not give an English copy.
        assertThat(FeedParsing.rss(get("/feed?lang=en").body()).getLanguage()).isEqualTo("de");
    }

    @Test
    void headRequestsAnswerWithoutABody() {
        HttpResponse<String> head = send(HttpRequest.newBuilder(URI.create(url("/feed")))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/rss+xml");
    }

    @Test
    void feedClientsThatAskForPlainXmlStillGetTheFeed() {
        HttpResponse<String> response = get("/feed", "Accept", "application/xml, text/xml;q=0.9");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/rss+xml");
    }

    // --- bad input ---------------------------------------------------------------------------------

    @Test
    void feedsOfUnknownOrUnpublishedThingsAnswer404WithAShortText() {
        Article draft = data.draft(unique("Entwurf ohne Feed"));
        Article withdrawn = data.published(unique("Zurückgezogen"));
        articles.unpublish(withdrawn.id(), data.admin());
        StaffMember silent = data.staff(Role.AUTHOR);
        List<String> paths = new ArrayList<>(List.of(
                "/kategorie/gibt-es-nicht/feed", "/kategorie/gibt-es-nicht/feed/atom", "/kategorie/gibt-es-nicht/feed.json",
                "/tag/nie-benutzt/feed", "/autor/niemand/feed/atom", "/autor/" + silent.slug() + "/feed",
                "/gibt-es-nicht/feed", "/gibt-es-nicht/kommentare/feed", "/gibt-es-nicht/feed.json",
                draft.path() + "/feed", draft.path() + "/kommentare/feed/atom",
                withdrawn.path() + "/feed", withdrawn.path() + "/kommentare/feed.json",
                "/feed/abo/unbekannt", "/feed/unbekannte-art/schluessel/atom", "/feed/abo/x.json"));
        for (String path : paths) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow()).as(path).startsWith("text/plain");
            assertThat(response.body()).as(path).isEqualTo("Diesen Feed gibt es nicht (mehr).\n");
        }
    }

    @Test
    void maliciousFeedAddressesAreRefusedWithoutAFailure() {
        List<String> paths = List.of(
                "/kategorie/%3Cscript%3Ealert(1)%3C%2Fscript%3E/feed", "/kategorie/' OR '1'='1/feed".replace(" ", "%20").replace("'", "%27"),
                "/tag/" + "a".repeat(5000) + "/feed", "/autor/%C3%28/feed", "/tag/%00/feed/atom",
                "/feed/abo/" + "x".repeat(300), "/feed/abo/%3Cb%3E", "/feed/ABO/schluessel",
                "/kategorie//feed", "/%C3%A4rger/feed", "/feed/abo/x/y/z");
        for (String path : paths) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isIn(400, 404);
            assertThat(response.body()).as(path).doesNotContain("<script>").doesNotContain("Exception");
        }
    }

    @Test
    void aCategoryNamedLikeAFeedAddressPartKeepsItsOwnPagesAndFeeds() {
        // "/kategorie/kommentare/feed" could also be read as the comment feed of an article "kategorie".
        Category kommentare = data.category("Kommentare");
        Article a = data.published(unique("Meinungsbeitrag"), "BERLIN", "Ein Kommentar der Redaktion.", kommentare.slug());
        Channel rss = FeedParsing.rss(get("/kategorie/kommentare/feed").body());
        assertThat(rss.getTitle()).isEqualTo("Depesche – Kommentare");
        assertThat(rss.getItems()).extracting(Item::getTitle).contains(a.title());
        // "/tag/feed" is the tag "Feed", not the similar-news feed of an article "tag".
        Article tagged = articles.publish(articles.create(new ArticleDraft(unique("Über Feeds"), null, "BERLIN", "Vorspann",
                "Text.", List.of(), List.of("Feed"), null, null, null, null, null), data.admin()).id(), data.admin());
        HttpResponse<String> tagPage = get("/tag/feed");
        assertThat(tagPage.statusCode()).isEqualTo(200);
        assertThat(tagPage.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(FeedParsing.rss(get("/tag/feed/feed").body()).getItems()).extracting(Item::getTitle).contains(tagged.title());
    }

    // --- pages point to their feeds ----------------------------------------------------------------

    @Test
    void readerPagesDeclareTheirFeedsAndEveryDeclaredFeedWorks() {
        Category c = data.category(unique("Entdeckung"));
        Article a = data.published(unique("Auffindbarer Artikel"), "ESSEN", "Text.", c.slug());
        StaffMember author = data.staff(Role.EDITOR);
        articles.publish(articles.create(data.draft(unique("Vom Autor"), "ESSEN", "Text."), data.principal(author)).id(),
                data.admin());

        Document home = Jsoup.parse(get("/").body());
        assertThat(home.select("link[rel=alternate][type=application/rss+xml]").eachAttr("href")).contains("/feed");
        assertThat(home.select("link[rel=alternate][type=application/atom+xml]").eachAttr("href")).contains("/feed/atom");
        assertThat(home.select("link[rel=alternate][type=application/feed+json]").eachAttr("href")).contains("/feed.json");
        assertThat(home.select("footer a[href=/feed]").text()).isEqualTo("RSS-Feed");
        assertThat(home.select(".feed-link a").attr("href")).isEqualTo("/feed");

        Document category = Jsoup.parse(get("/kategorie/" + c.slug()).body());
        assertThat(category.select("link[rel=alternate]").eachAttr("href")).contains(
                "/kategorie/" + c.slug() + "/feed", "/kategorie/" + c.slug() + "/feed/atom", "/kategorie/" + c.slug() + "/feed.json", "/feed");
        assertThat(category.select(".feed-link a").attr("href")).isEqualTo("/kategorie/" + c.slug() + "/feed");
        assertThat(category.select(".feed-link a").text()).isEqualTo("Diese Liste als Feed abonnieren (RSS)");

        Document article = Jsoup.parse(get(a.path()).body());
        assertThat(article.select("link[rel=alternate]").eachAttr("href")).contains(
                "/feed", a.path() + "/feed", a.path() + "/kommentare/feed");
        assertThat(article.select("link[rel=alternate][href=" + a.path() + "/kommentare/feed]").attr("title"))
                .isEqualTo("Kommentare zu »" + a.title() + "« (RSS)");

        List<Document> pages = List.of(home, category, article,
                Jsoup.parse(get("/tag/" + a.tags().getFirst().slug()).body()), Jsoup.parse(get("/autor/" + author.slug()).body()));
        for (Document page : pages) {
            for (Element link : page.select("link[rel=alternate]")) {
                HttpResponse<String> feed = get(link.attr("href"));
                assertThat(feed.statusCode()).as(link.attr("href")).isEqualTo(200);
                assertThat(feed.headers().firstValue("Content-Type").orElseThrow()).as(link.attr("href"))
                        .isEqualTo(link.attr("type") + ";charset=UTF-8");
            }
        }
    }

    // --- helpers -----------------------------------------------------------------------------------

    private Comment comment(Article a, String name, String text) {
        return comments.submit(new CommentSubmission(a.id(), null, name, name.toLowerCase() + "-" + System.nanoTime() + "@example.org",
                text, false, true), "10.9.8." + (System.nanoTime() % 200));
    }

    private static Item item(Channel channel, String title) {
        return channel.getItems().stream().filter(i -> i.getTitle().equals(title)).findFirst()
                .orElseThrow(() -> new AssertionError("no item " + title));
    }
}
