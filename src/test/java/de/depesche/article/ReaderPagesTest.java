package de.depesche.article;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

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
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ReaderPagesTest extends IntegrationTest {

    @Autowired
    ArticleManagement articles;

    @Autowired
    ObjectMapper json;

    @Autowired
    CommentManagement comments;

    @Test
    void homeListsPublishedArticlesNewestFirstAndHidesDrafts() {
        Article older = data.published(unique("Älterer Bericht"));
        Article newer = data.published(unique("Neuerer Bericht"));
        Article draft = data.draft(unique("Geheimer Entwurf"));

        Document home = Jsoup.parse(get("/").body());
        List<String> titles = home.select(".teaser h2 a").eachText();
        assertThat(titles).contains(older.title(), newer.title()).doesNotContain(draft.title());
        assertThat(titles.indexOf(newer.title())).isLessThan(titles.indexOf(older.title()));
        assertThat(home.select("html").attr("lang")).isEqualTo("de");
        assertThat(home.select("h1").text()).isEqualTo("Neueste Artikel");
    }

    @Test
    void articlePageShowsTheDatelineBeforeTheFirstParagraph() {
        data.category("Sicherheitspolitik");
        Article a = data.published(unique("NATO-Gipfel in Den Haag"), "BRÜSSEL / LONDON",
                "Die Verteidigungsminister trafen sich am Morgen.\n\nZweiter Absatz.", "sicherheitspolitik");

        HttpResponse<String> response = get(a.path());
        assertThat(response.statusCode()).isEqualTo(200);
        Document page = Jsoup.parse(response.body());
        Element first = page.selectFirst(".article .body p");
        assertThat(first.text()).isEqualTo("BRÜSSEL / LONDON (Depesche) – Die Verteidigungsminister trafen sich am Morgen.");
        assertThat(page.select("h1").text()).isEqualTo(a.title());
        assertThat(page.select(".byline a[rel=author]").text()).isEqualTo("Administration");
        assertThat(page.select(".kicker a").attr("href")).isEqualTo("/kategorie/sicherheitspolitik");
    }

    @Test
    void articlePageCarriesCanonicalOpenGraphAndStructuredData() {
        Article a = data.published(unique("Chipfabrik wächst"), "DRESDEN", "Ein Text über Halbleiter.");
        Document page = Jsoup.parse(get(a.path()).body());

        assertThat(page.select("link[rel=canonical]").attr("href")).isEqualTo("http://localhost:8080" + a.path());
        assertThat(page.select("meta[property=og:type]").attr("content")).isEqualTo("article");
        assertThat(page.select("meta[property=og:title]").attr("content")).isEqualTo(a.title());
        assertThat(page.select("meta[property=article:published_time]")).hasSize(1);
        assertThat(page.select("meta[name=description]").attr("content")).isEqualTo(a.lead());

        List<JsonNode> ld = page.select("script[type=application/ld+json]").stream()
                .map(s -> json.readTree(s.data())).toList();
        JsonNode article = ld.stream().filter(n -> n.path("@type").asString().equals("NewsArticle")).findFirst().orElseThrow();
        assertThat(article.path("headline").asString()).isEqualTo(a.title());
        assertThat(article.path("dateline").asString()).isEqualTo("DRESDEN");
        assertThat(article.path("datePublished").asString()).isNotBlank();
        assertThat(article.path("dateModified").asString()).isNotBlank();
        assertThat(article.path("author").get(0).path("name").asString()).isEqualTo("Administration");
        assertThat(article.path("publisher").path("name").asString()).isEqualTo("Depesche");
        assertThat(article.path("image").get(0).asString()).startsWith("http");
        JsonNode breadcrumbs = ld.stream().filter(n -> n.path("@type").asString().equals("BreadcrumbList")).findFirst().orElseThrow();
        assertThat(breadcrumbs.path("itemListElement").get(0).path("name").asString()).isEqualTo("Startseite");
        assertThat(breadcrumbs.path("itemListElement").get(breadcrumbs.path("itemListElement").size() - 1).path("name").asString())
                .isEqualTo(a.title());
    }

    @Test
    void structuredDataCannotBeBrokenOutOfByATitle() {
        Article a = data.published(unique("Titel mit </script><script>alert(1)</script>"));
        String body = get(a.path()).body();
        assertThat(body).doesNotContain("<script>alert(1)</script>");
        Document page = Jsoup.parse(body);
        assertThat(page.select("h1").text()).contains("</script><script>alert(1)</script>");
        assertThat(page.select("script[type=application/ld+json]")).hasSize(2);
    }

    @Test
    void unknownAndUnpublishedArticlesAnswerWithAGerman404Page() {
        Article draft = data.draft(unique("Noch nicht da"));
        for (String path : List.of("/gibt-es-nicht", draft.path(), "/kategorie/gibt-es-nicht", "/tag/nie", "/autor/niemand")) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(Jsoup.parse(response.body()).select("h1").text()).as(path).isEqualTo("Diese Seite gibt es nicht");
        }
    }

    @Test
    void oldSlugsAnswerWithAPermanentRedirectToTheNewAddress() {
        Article a = data.published(unique("Erste Fassung"));
        String oldPath = a.path();
        Article renamed = articles.update(a.id(), a.version(), new ArticleDraft(a.title() + " neu", "neue-adresse-" + a.id(),
                a.dateline(), a.lead(), a.bodyMarkdown(), List.of(), List.of(), null, null, null, null, null), data.admin());

        HttpResponse<String> response = get(oldPath);
        assertThat(response.statusCode()).isEqualTo(301);
        assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/neue-adresse-" + a.id());
        assertThat(get(renamed.path()).statusCode()).isEqualTo(200);
    }

    @Test
    void answersConditionalRequestsWith304() {
        Article a = data.published(unique("Bedingte Anfrage"));
        // Other modules react to the publication a moment later (search index, similar box) and may
        // change the page once; wait until two requests in a row see the same page.
        HttpResponse<String> first = get(a.path());
        for (int i = 0; i < 20; i++) {
            sleepQuietly(250);
            HttpResponse<String> again = get(a.path());
            if (again.headers().firstValue("ETag").equals(first.headers().firstValue("ETag"))) {
                break;
            }
            first = again;
        }
        String etag = first.headers().firstValue("ETag").orElseThrow();
        String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();
        assertThat(first.headers().firstValue("Cache-Control").orElseThrow()).startsWith("public, max-age=");
        assertThat(first.headers().allValues("Pragma")).isEmpty();

        HttpResponse<String> byEtag = get(a.path(), "If-None-Match", etag);
        assertThat(byEtag.statusCode()).isEqualTo(304);
        assertThat(byEtag.body()).isEmpty();
        HttpResponse<String> byDate = get(a.path(), "If-Modified-Since", lastModified);
        assertThat(byDate.statusCode()).isEqualTo(304);
        String earlier = DateTimeFormatter.RFC_1123_DATE_TIME.format(a.updatedAt().minusSeconds(3600).atOffset(ZoneOffset.UTC));
        assertThat(get(a.path(), "If-Modified-Since", earlier).statusCode()).isEqualTo(200);
        assertThat(get(a.path(), "If-None-Match", "W/\"anderes\"").statusCode()).isEqualTo(200);
        assertThat(get(a.path(), "If-Modified-Since", "kein Datum").statusCode()).isEqualTo(200);
    }

    /** A page as a client has it: its body and the Last-Modified it came with. */
    private HttpResponse<String> settled(String path) {
        // Other modules react to a publication a moment later (search index, similar box) and may change
        // the page once; take it when two requests in a row see the same page.
        HttpResponse<String> first = get(path);
        for (int i = 0; i < 20; i++) {
            sleepQuietly(250);
            HttpResponse<String> again = get(path);
            if (again.headers().firstValue("ETag").equals(first.headers().firstValue("ETag"))) {
                return again;
            }
            first = again;
        }
        return first;
    }

    @Test
    void withdrawingTheNewestArticleNeverAnswersAnOldDateWith304() {
        Article older = data.published(unique("Bleibt stehen"));
        // A second later, so that the newest article is what the pages' dates (whole seconds) point to.
        sleepQuietly(1100);
        Article newest = data.published(unique("Wird zurückgezogen"));
        HttpResponse<String> home = settled("/");
        assertThat(home.body()).contains(newest.title());
        HttpResponse<String> sitemap = settled("/sitemap.xml");
        HttpResponse<String> articles1 = settled("/sitemap-articles-1.xml");
        assertThat(articles1.body()).contains(newest.slug());
        String homeDate = home.headers().firstValue("Last-Modified").orElseThrow();
        String sitemapDate = sitemap.headers().firstValue("Last-Modified").orElseThrow();
        String articlesDate = articles1.headers().firstValue("Last-Modified").orElseThrow();
        assertThat(get("/", "If-Modified-Since", homeDate).statusCode()).isEqualTo(304);

        articles.unpublish(newest.id(), data.admin());

        HttpResponse<String> homeAfter = get("/", "If-Modified-Since", homeDate);
        assertThat(homeAfter.statusCode()).isEqualTo(200);
        assertThat(homeAfter.body()).contains(older.title()).doesNotContain(newest.title());
        HttpResponse<String> sitemapAfter = get("/sitemap.xml", "If-Modified-Since", sitemapDate);
        assertThat(sitemapAfter.statusCode()).isEqualTo(200);
        HttpResponse<String> articlesAfter = get("/sitemap-articles-1.xml", "If-Modified-Since", articlesDate);
        assertThat(articlesAfter.statusCode()).isEqualTo(200);
        assertThat(articlesAfter.body()).doesNotContain(newest.slug());
        assertThat(Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(
                homeAfter.headers().firstValue("Last-Modified").orElse(homeDate))))
                .isAfterOrEqualTo(Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(homeDate)));
    }

    @Test
    void anApprovedCommentIsNewToEveryoneWhoAsksWithTheOldDate() {
        Article a = data.published(unique("Mit Leserstimme"));
        HttpResponse<String> page = settled(a.path());
        String lastModified = page.headers().firstValue("Last-Modified").orElseThrow();
        assertThat(get(a.path(), "If-Modified-Since", lastModified).statusCode()).isEqualTo(304);

        Comment comment = comments.submit(new CommentSubmission(a.id(), null, "Lena Leserin", "lena@example.org",
                "Ein Beitrag, der freigeschaltet wird " + System.nanoTime(), false, true), "203.0.113.77");
        comments.approve(comment.id(), data.admin());

        HttpResponse<String> after = get(a.path(), "If-Modified-Since", lastModified);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.body()).contains(comment.text());
        assertThat(articles.find(a.id()).orElseThrow().updatedAt()).isEqualTo(a.updatedAt());
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void anEditShowsUpAtOnceDespiteThePageCache() {
        Article a = data.published(unique("Vor der Korrektur"));
        assertThat(get(a.path()).body()).contains("Vor der Korrektur");
        assertThat(get("/").body()).contains(a.title());
        Article fixed = articles.update(a.id(), a.version(), new ArticleDraft(a.title().replace("Vor", "Nach"), null,
                a.dateline(), a.lead(), a.bodyMarkdown(), List.of(), List.of(), null, null, null, null, null), data.admin());

        assertThat(Jsoup.parse(get(fixed.path()).body()).select("h1").text()).isEqualTo(fixed.title());
        assertThat(Jsoup.parse(get("/").body()).select(".teaser h2 a").eachText()).contains(fixed.title()).doesNotContain(a.title());
        articles.unpublish(a.id(), data.admin());
        assertThat(get(fixed.path()).statusCode()).isEqualTo(404);
        assertThat(Jsoup.parse(get("/").body()).select(".teaser h2 a").eachText()).doesNotContain(fixed.title());
    }

    @Test
    void servesGzipToClientsThatAskForIt() throws Exception {
        Article a = data.published(unique("Komprimiert"));
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url(a.path())))
                .header("Accept-Encoding", "gzip").build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
        String html = new String(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(response.body())).readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(html).contains(a.title());
    }

    @Test
    void categoryTagAndAuthorPagesListTheirArticles() {
        data.category("Technik");
        Article a = data.published(unique("Quantenrechner"), "MÜNCHEN", "Text.", "technik");
        assertThat(Jsoup.parse(get("/kategorie/technik").body()).select(".teaser h2 a").eachText()).contains(a.title());
        assertThat(Jsoup.parse(get("/tag/testthema").body()).select(".teaser h2 a").eachText()).contains(a.title());
        assertThat(Jsoup.parse(get("/autor/administration").body()).select(".teaser h2 a").eachText()).contains(a.title());
        assertThat(Jsoup.parse(get("/kategorie/technik").body()).select("h1").text()).isEqualTo("Technik");
    }

    @Test
    void paginationIsNumberedAndRefusesNonsense() {
        for (int i = 0; i < 13; i++) {
            data.published(unique("Meldung " + i));
        }
        Document second = Jsoup.parse(get("/?seite=2").body());
        assertThat(second.select(".teaser")).isNotEmpty();
        assertThat(second.select("link[rel=canonical]").attr("href")).endsWith("/?seite=2");
        assertThat(get("/?seite=100000").statusCode()).isEqualTo(404);
        HttpResponse<String> bad = get("/?seite=abc");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(bad.body()).select("h1").text()).isEqualTo("Diese Anfrage können wir nicht beantworten");
    }

    @Test
    void readersCanSwitchToEnglish() {
        Document home = Jsoup.parse(get("/?lang=en").body());
        assertThat(home.select("html").attr("lang")).isEqualTo("en");
        assertThat(home.select("h1").text()).isEqualTo("Latest articles");
        assertThat(home.select(".site-nav a[href=/]").text()).isEqualTo("Home");
        assertThat(Jsoup.parse(get("/").body()).select(".site-nav a[href=/]").text()).isEqualTo("Startseite");
        assertThat(Jsoup.parse(get("/gibt-es-nicht?lang=en").body()).select("h1").text()).isEqualTo("This page does not exist");
    }

    @Test
    void readerPagesMakeNoThirdPartyRequests() {
        Article a = data.published(unique("Ohne Dritte"));
        Document page = Jsoup.parse(get(a.path()).body());
        for (Element e : page.select("[src], link[href]")) {
            String ref = e.hasAttr("src") ? e.attr("src") : e.attr("href");
            if (e.tagName().equals("link") && e.attr("rel").equals("canonical")) {
                continue;
            }
            assertThat(ref).as(e.outerHtml()).startsWith("/");
        }
        assertThat(get(a.path()).headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'self'");
    }

    @Test
    void healthEndpointAnswersForLoadBalancers() {
        assertThat(get("/actuator/health").body()).contains("UP");
        assertThat(get("/actuator/metrics").statusCode()).isIn(302, 401, 403);
    }

}
