package de.depesche.site;

import java.net.http.HttpResponse;
import java.util.List;

import de.depesche.article.Article;
import de.depesche.article.ArticleDraft;
import de.depesche.article.ArticleManagement;
import de.depesche.support.IntegrationTest;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** DEPESCHE_PAGE_CACHE_ENABLED=false: pages are rendered for every request, but browsers and CDNs still revalidate. */
@TestPropertySource(properties = "depesche.page-cache.enabled=false")
// A context of its own, used by this class alone: closed afterwards, so its connections go back.
@DirtiesContext
class UncachedReaderPagesTest extends IntegrationTest {

    @Autowired
    ArticleManagement articles;

    @Test
    void pagesCarryValidatorsAndAnswerConditionalRequestsWithoutThePageCache() {
        Article a = data.published(unique("Ohne Seitenspeicher"));
        HttpResponse<String> first = settled(a.path());
        String etag = first.headers().firstValue("ETag").orElseThrow();
        String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();
        assertThat(first.headers().firstValue("Cache-Control").orElseThrow()).startsWith("public, max-age=");

        assertThat(get(a.path(), "If-None-Match", etag).statusCode()).isEqualTo(304);
        assertThat(get(a.path(), "If-Modified-Since", lastModified).statusCode()).isEqualTo(304);
        assertThat(settled("/").headers().firstValue("ETag")).isPresent();

        String token = Jsoup.parse(first.body()).select("input[name=token]").val();
        assertThat(token).isNotBlank().doesNotContain("dp-form-token");

        articles.update(a.id(), a.version(), new ArticleDraft(a.title() + " (ergänzt)", null, a.dateline(), a.lead(),
                a.bodyMarkdown(), List.of(), List.of(), null, null, null, null, null), data.admin());
        HttpResponse<String> changed = get(a.path(), "If-Modified-Since", lastModified);
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.body()).contains("(ergänzt)");
        assertThat(get(a.path(), "If-None-Match", etag).statusCode()).isEqualTo(200);
    }

    @Test
    void headCarriesTheHeadersOfGetWithoutThePageCache() {
        Article a = data.published(unique("Kopf ohne Seitenspeicher"));
        List<String> differences = new java.util.ArrayList<>();
        for (String path : List.of(a.path(), "/feed", a.path() + "/feed.json", "/sitemap.xml", "/robots.txt")) {
            HttpResponse<byte[]> got = HeadRequestsTest.bytes(port, "GET", path);
            HeadRequestsTest.compare(path, got, HeadRequestsTest.bytes(port, "HEAD", path), differences);
            got.headers().firstValue("ETag").ifPresent(etag -> HeadRequestsTest.conditional(path,
                    HeadRequestsTest.bytes(port, "HEAD", path, "If-None-Match", etag), differences));
        }
        assertThat(differences).isEmpty();
    }

    private HttpResponse<String> settled(String path) {
        HttpResponse<String> first = get(path);
        for (int i = 0; i < 20; i++) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            HttpResponse<String> again = get(path);
            if (again.headers().firstValue("ETag").equals(first.headers().firstValue("ETag"))) {
                return again;
            }
            first = again;
        }
        return first;
    }
}
