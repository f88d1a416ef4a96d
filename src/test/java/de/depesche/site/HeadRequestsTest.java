package de.depesche.site;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import de.depesche.article.Article;
import de.depesche.support.IntegrationTest;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feed readers, link checkers and CDNs ask with HEAD; RFC 9110 (9.3.2) wants the same header fields as
 * GET would send, without the body.
 */
class HeadRequestsTest extends IntegrationTest {

    private static final List<String> COMPARED = List.of("ETag", "Last-Modified", "Cache-Control", "Content-Type");

    @Test
    void headAnswersWithTheHeadersOfGetOnEveryReaderPath() {
        data.category("Kopfzeilen");
        String title = unique("Nur der Kopf");
        Article article = data.published(title, "BONN", "Ein Absatz.", "kopfzeilen");
        // A word only this article has: other tests publish in the same context, and the page for a common
        // word would change between HEAD and GET as the index takes up their articles.
        String search = "/suche?q=" + title.substring(title.lastIndexOf(' ') + 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> get(search).body().contains(article.path()));
        String author = Jsoup.parse(get(article.path()).body()).select("a[href^=/autor/]").attr("href");
        assertThat(author).startsWith("/autor/");
        String tag = "/tag/" + article.tags().getFirst().slug();

        List<String> paths = List.of("/", article.path(), "/kategorie/kopfzeilen", tag, author,
                search, "/jobs",
                "/feed", "/feed/atom", "/feed.json", "/kategorie/kopfzeilen/feed", "/kategorie/kopfzeilen/feed/atom",
                tag + "/feed.json", author + "/feed", article.path() + "/feed", article.path() + "/kommentare/feed/atom",
                "/sitemap.xml", "/sitemap-articles-1.xml", "/sitemap-pages-1.xml", "/sitemap-news.xml", "/robots.txt",
                "/impressum", "/css/site.css", "/favicon.ico");
        List<String> differences = new ArrayList<>();
        for (String path : paths) {
            // HEAD first, while the page is rendered for it (not in the page cache yet), then from the cache.
            HttpResponse<byte[]> rendered = bytes("HEAD", path);
            HttpResponse<byte[]> got = bytes("GET", path);
            assertThat(got.statusCode()).as(path).isEqualTo(200);
            compare(path, got, rendered, differences);
            compare(path, got, bytes("HEAD", path), differences);
            got.headers().firstValue("ETag").ifPresent(etag ->
                    conditional(path, bytes("HEAD", path, "If-None-Match", etag), differences));
        }
        assertThat(differences).isEmpty();
        // Pages and feeds are validated: each has an ETag and a Last-Modified, for HEAD as for GET.
        for (String path : List.of("/", article.path(), "/feed", "/feed.json", author + "/feed", "/sitemap.xml")) {
            assertThat(bytes("HEAD", path).headers().firstValue("ETag")).as(path).isPresent();
        }
    }

    /** The differences between what HEAD sent and what GET sent, for the report of the test. */
    static void compare(String path, HttpResponse<byte[]> got, HttpResponse<byte[]> head, List<String> differences) {
        assertThat(head.statusCode()).as("HEAD " + path).isEqualTo(200);
        assertThat(head.body()).as("HEAD " + path).isEmpty();
        for (String name : COMPARED) {
            Optional<String> expected = got.headers().firstValue(name);
            Optional<String> actual = head.headers().firstValue(name);
            if (!expected.equals(actual)) {
                differences.add(path + " " + name + ": GET " + expected + ", HEAD " + actual);
            }
        }
        Optional<String> length = Optional.of(String.valueOf(got.body().length));
        if (!head.headers().firstValue("Content-Length").equals(length)) {
            differences.add(path + " Content-Length: GET body " + length.get() + ", HEAD " + head.headers().firstValue("Content-Length"));
        }
    }

    /** HEAD with the ETag GET gave is answered 304, as GET would be. */
    static void conditional(String path, HttpResponse<byte[]> conditionalHead, List<String> differences) {
        if (conditionalHead.statusCode() != 304) {
            differences.add(path + " HEAD with If-None-Match: " + conditionalHead.statusCode());
        }
    }

    static HttpResponse<byte[]> bytes(int port, String method, String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            b.headers(headers);
        }
        try {
            return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path, e);
        }
    }

    private HttpResponse<byte[]> bytes(String method, String path, String... headers) {
        return bytes(port, method, path, headers);
    }
}
