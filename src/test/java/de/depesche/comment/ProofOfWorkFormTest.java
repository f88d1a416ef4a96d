package de.depesche.comment;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import de.depesche.article.Article;
import de.depesche.support.IntegrationTest;
import de.depesche.support.StaffSession;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The comment form with proof-of-work switched on (8 bits), as a browser with and without JavaScript sends it. */
@TestPropertySource(properties = {"depesche.comments.proof-of-work-bits=8", "depesche.comments.proof-of-work-fill-time=4s"})
class ProofOfWorkFormTest extends IntegrationTest {

    private record Opened(StaffSession reader, Map<String, String> form, long openedAt) {}

    private Opened open(Article article, String text) {
        StaffSession reader = new StaffSession(port);
        Document page = reader.page(article.path());
        long openedAt = System.nanoTime();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("article", page.select("form.comment-form input[name=article]").val());
        form.put("token", page.select("form.comment-form input[name=token]").val());
        form.put("name", "Paula Prüfer");
        form.put("email", "paula-" + System.nanoTime() + "@example.org");
        form.put("text", text);
        form.put("consent", "true");
        return new Opened(reader, form, openedAt);
    }

    private static HttpResponse<String> sendAfter(Opened o, Duration open) {
        long wait = open.toMillis() - (System.nanoTime() - o.openedAt()) / 1_000_000;
        try {
            Thread.sleep(Math.max(0, wait));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return o.reader().post("/kommentare", o.form(), false);
    }

    @Test
    void theFormAsksForProofOfWorkAndLoadsItsOwnScript() {
        Article article = data.published(unique("Rechenaufgabe"));
        Document page = Jsoup.parse(get(article.path()).body());
        assertThat(page.select("form.comment-form").attr("data-pow-bits")).isEqualTo("8");
        assertThat(page.select("form.comment-form script").attr("src")).startsWith("/js/comment-pow").endsWith(".js");
        assertThat(page.select("form.comment-form noscript").html()).contains("4 Sekunden");
        String script = get(page.select("form.comment-form script").attr("src")).body();
        assertThat(script).contains("data-pow-bits").doesNotContain("http://", "https://");
    }

    @Test
    void aCounterThatSolvesThePuzzleIsAccepted() {
        Article article = data.published(unique("Gelöst"));
        Opened o = open(article, "Mit gelöster Rechenaufgabe geschrieben.");
        o.form().put("pow", ProofOfWorkTest.search(o.form().get("token"), 8));
        HttpResponse<String> sent = sendAfter(o, Duration.ofMillis(1100));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(302);
        assertThat(sent.headers().firstValue("Location").orElseThrow()).contains(article.path() + "#kommentar-");
    }

    @Test
    void aWrongCounterIsRefusedAndTheTextKept() {
        Article article = data.published(unique("Falsch gerechnet"));
        Opened o = open(article, "Mein Text soll nicht verloren gehen.");
        String token = o.form().get("token");
        String wrong = java.util.stream.LongStream.range(0, 1000).mapToObj(Long::toString)
                .filter(c -> !ProofOfWork.solves(token, c, 8)).findFirst().orElseThrow();
        o.form().put("pow", wrong);
        HttpResponse<String> sent = sendAfter(o, Duration.ofMillis(1100));
        assertThat(sent.statusCode()).isEqualTo(422);
        Document page = Jsoup.parse(sent.body());
        assertThat(page.select(".problems li").text()).contains("Rechenaufgabe gegen Spam");
        assertThat(page.select("textarea[name=text]").val()).isEqualTo("Mein Text soll nicht verloren gehen.");
        assertThat(page.select("input[name=name]").val()).isEqualTo("Paula Prüfer");
        assertThat(page.select("input[name=token]").val()).isNotBlank().isNotEqualTo(token);
    }

    @Test
    void withoutJavaScriptTheFormMustStayOpenLonger() {
        Article article = data.published(unique("Ohne Skript"));
        Opened early = open(article, "Zu früh ohne Skript gesendet.");
        HttpResponse<String> tooSoon = sendAfter(early, Duration.ofMillis(1500));
        assertThat(tooSoon.statusCode()).isEqualTo(422);
        Document page = Jsoup.parse(tooSoon.body());
        assertThat(page.select(".problems li").text()).contains("Ohne JavaScript", "4 Sekunden");
        assertThat(page.select("textarea[name=text]").val()).isEqualTo("Zu früh ohne Skript gesendet.");

        Opened patient = open(article, "Geduldig ohne Skript gesendet.");
        HttpResponse<String> later = sendAfter(patient, Duration.ofMillis(4200));
        assertThat(later.statusCode()).as(later.body()).isEqualTo(302);
    }
}
