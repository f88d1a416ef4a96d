package de.depesche.site;

import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import de.depesche.article.Article;
import de.depesche.support.IntegrationTest;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An article page is public for 60 seconds and may be kept by a CDN or by a browser that revalidates
 * with a 304: one delivery, one form token, many readers. Readers on different networks stand in for
 * readers behind one CDN; each comes from its own loopback address.
 */
class SharedPageFormsTest extends IntegrationTest {

    private HttpResponse<String> comment(String fromAddress, Article article, String token, String text) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("article", String.valueOf(article.id()));
        form.put("token", token);
        form.put("name", "Leserin von " + fromAddress);
        form.put("email", "leserin-" + System.nanoTime() + "@example.org");
        form.put("text", text);
        form.put("consent", "true");
        form.put("website", "");
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            HttpClient reader = HttpClient.newBuilder().localAddress(InetAddress.getByName(fromAddress))
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            return reader.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/kommentare"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String token(String html) {
        return Jsoup.parse(html).select("form.comment-form input[name=token]").val();
    }

    private static void waitLikeAPerson() {
        try {
            Thread.sleep(1100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void readersWhoGotTheSameCachedBytesCanEachComment() {
        Article article = data.published(unique("Eine Seite für alle"));
        HttpResponse<String> kept = get(article.path());
        assertThat(kept.headers().firstValue("Cache-Control").orElseThrow()).startsWith("public");
        String token = token(kept.body());
        assertThat(token).isNotBlank();
        waitLikeAPerson();

        assertThat(comment("127.0.0.2", article, token, "Erste Stimme aus dem einen Netz").statusCode()).isEqualTo(302);
        assertThat(comment("127.0.0.3", article, token, "Zweite Stimme aus einem anderen Netz").statusCode()).isEqualTo(302);

        // The same network with the same token again: a replay, refused; the reader keeps the text and gets a new form.
        HttpResponse<String> replay = comment("127.0.0.2", article, token, "Noch einmal dasselbe Formular");
        assertThat(replay.statusCode()).isEqualTo(422);
        Document refused = Jsoup.parse(replay.body());
        assertThat(refused.select(".problems li").text()).contains("schon abgeschickt");
        assertThat(refused.select("textarea[name=text]").val()).isEqualTo("Noch einmal dasselbe Formular");
        String fresh = refused.select("input[name=token]").val();
        assertThat(fresh).isNotBlank().isNotEqualTo(token);
        waitLikeAPerson();
        assertThat(comment("127.0.0.2", article, fresh, "Noch einmal dasselbe Formular").statusCode()).isEqualTo(302);
    }

    @Test
    void aBrowserThatRevalidatesWithA304KeepsAWorkingForm() {
        Article article = data.published(unique("Im Browser behalten"));
        HttpResponse<String> first = get(article.path());
        String etag = first.headers().firstValue("ETag").orElseThrow();
        String token = token(first.body());
        waitLikeAPerson();
        // Someone else behind the same CDN sent their comment with this copy's token first …
        assertThat(comment("127.0.0.5", article, token, "Vorher abgeschickt").statusCode()).isEqualTo(302);

        // … while this browser keeps its copy: the page has not changed, so revalidating answers 304.
        HttpResponse<String> revalidated = get(article.path(), "If-None-Match", etag);
        assertThat(revalidated.statusCode()).isEqualTo(304);
        assertThat(comment("127.0.0.6", article, token, "Nach der Rückfrage abgeschickt").statusCode()).isEqualTo(302);
    }

    @Test
    void aCopyFromAnEarlierTokenPeriodIsSentAgainWithNewTokens() {
        Article article = data.published(unique("Neue Stunde, neue Tokens"));
        HttpResponse<String> first = get(article.path());
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).matches("W/\"[0-9a-f]+-[0-9]+\"");
        long period = Long.parseLong(etag.substring(etag.lastIndexOf('-') + 1, etag.length() - 1));
        String lastHour = etag.substring(0, etag.lastIndexOf('-') + 1) + (period - 1) + '"';

        HttpResponse<String> stale = get(article.path(), "If-None-Match", lastHour);
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(token(stale.body())).isNotBlank().isNotEqualTo(token(first.body()));
        String beforeThisHour = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                java.time.Instant.ofEpochMilli(period * FormTokens.PERIOD.toMillis() - 1000).atOffset(java.time.ZoneOffset.UTC));
        assertThat(get(article.path(), "If-Modified-Since", beforeThisHour).statusCode()).isEqualTo(200);
    }

    @Test
    void pagesOfReadersWithTheirOwnCookiesAreNotForSharedCaches() {
        Article article = data.published(unique("Private Kopie"));
        HttpResponse<String> personal = get(article.path(), "Cookie", "depesche-private-comments=1.x");
        assertThat(personal.headers().firstValue("Cache-Control")).hasValue("private, no-cache");
        assertThat(get(article.path()).headers().firstValue("Cache-Control").orElseThrow()).startsWith("public");
    }
}
