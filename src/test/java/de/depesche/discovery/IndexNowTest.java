package de.depesche.discovery;

import java.util.List;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import de.depesche.article.Article;
import de.depesche.article.ArticleDraft;
import de.depesche.article.ArticleManagement;
import de.depesche.support.OutboundIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** IndexNow announcements against a local fake of the IndexNow endpoint. */
@ExtendWith(OutputCaptureExtension.class)
class IndexNowTest extends OutboundIntegrationTest {

    @Autowired
    IndexNow indexNow;

    @Autowired
    IndexNowKey key;

    @Autowired
    ArticleManagement articles;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectMapper json;

    @Autowired
    de.depesche.site.SiteProperties site;

    /** Waits until the listener (which runs after the commit, asynchronously) has queued the address. */
    private void awaitQueued(String url) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (jdbc.sql("select count(*) from indexnow_queue where url = :url").param("url", url).query(Long.class).single() > 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(url + " was never queued");
    }

    /** Waits until the address has been queued {@code times} times (each queueing after the first raises its revision). */
    private void awaitQueued(String url, int times) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            Long revision = jdbc.sql("select max(revision) from indexnow_queue where url = :url").param("url", url)
                    .query(Long.class).optional().orElse(null);
            if (revision != null && revision >= times - 1) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(url + " was not queued " + times + " times");
    }

    private List<JsonNode> announcements() {
        return remote.findAll(postRequestedFor(urlEqualTo("/indexnow"))).stream()
                .map(LoggedRequest::getBodyAsString).map(json::readTree).toList();
    }

    @Test
    void theKeyFileIsServedWhereTheAnnouncementsSayItIs() {
        String k = key.value();
        assertThat(k).matches("[a-zA-Z0-9-]{8,128}");
        var response = get("/" + k + ".txt");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(k);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(get("/abcdefgh12345678.txt").statusCode()).isEqualTo(404);
        assertThat(key.value()).isEqualTo(k);
    }

    @Test
    void publishedUpdatedAndWithdrawnArticlesAreAnnouncedTogetherInOneRequest() throws Exception {
        remote.stubFor(post("/indexnow").willReturn(aResponse().withStatus(202)));
        Article first = data.published(unique("Angekündigt eins"));
        Article second = data.published(unique("Angekündigt zwei"));
        articles.unpublish(second.id(), data.admin());
        awaitQueued("http://localhost:8080" + first.path());
        // published, then withdrawn: queued twice
        awaitQueued("http://localhost:8080" + second.path(), 2);

        assertThat(indexNow.sendDue()).isGreaterThanOrEqualTo(2);
        List<JsonNode> sent = announcements();
        assertThat(sent).hasSize(1);
        JsonNode body = sent.getFirst();
        assertThat(body.path("host").asString()).isEqualTo("localhost");
        assertThat(body.path("key").asString()).isEqualTo(key.value());
        assertThat(body.path("keyLocation").asString()).isEqualTo("http://localhost:8080/" + key.value() + ".txt");
        assertThat(body.path("urlList").valueStream().map(JsonNode::asString).toList())
                .contains("http://localhost:8080" + first.path(), "http://localhost:8080" + second.path()).doesNotHaveDuplicates();
        assertThat(remote.findAll(postRequestedFor(urlEqualTo("/indexnow"))).getFirst().getHeader("Content-Type"))
                .startsWith("application/json");
        assertThat(indexNow.sendDue()).isZero();
    }

    @Test
    void aFailedAnnouncementIsRetriedUntilItSucceeds() throws Exception {
        remote.stubFor(post("/indexnow").inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("recovered"));
        remote.stubFor(post("/indexnow").inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(200)));
        Article a = data.published(unique("Erst beim zweiten Mal"));
        String url = "http://localhost:8080" + a.path();
        awaitQueued(url);

        assertThat(indexNow.sendDue()).isZero();
        assertThat(jdbc.sql("select attempts from indexnow_queue where url = :url").param("url", url).query(Integer.class).single())
                .isEqualTo(1);
        assertThat(indexNow.sendDue()).isPositive();
        assertThat(announcements()).hasSize(2).allSatisfy(b ->
                assertThat(b.path("urlList").valueStream().map(JsonNode::asString).toList()).contains(url));
        assertThat(jdbc.sql("select count(*) from indexnow_queue where url = :url").param("url", url).query(Long.class).single())
                .isZero();
    }

    @Test
    void anEndpointThatNeverAnswersWellIsGivenUpAfterTheLastAttemptAndTheLogSaysSo(CapturedOutput output) throws Exception {
        remote.stubFor(post("/indexnow").willReturn(aResponse().withStatus(500)));
        Article a = data.published(unique("Nie angenommen"));
        String url = "http://localhost:8080" + a.path();
        awaitQueued(url);
        for (int i = 0; i < 2; i++) {
            indexNow.sendDue();
        }
        assertThat(output.getOut()).doesNotContain("gave up announcing");
        indexNow.sendDue();
        assertThat(jdbc.sql("select count(*) from indexnow_queue where url = :url").param("url", url).query(Long.class).single())
                .isZero();
        assertThat(announcements()).hasSize(3);
        assertThat(output.getOut()).containsPattern("ERROR .*IndexNow: gave up announcing \\d+ address\\(es\\) after 3 attempts: .*"
                + java.util.regex.Pattern.quote(url));
    }

    @Test
    void anUpdateToALiveArticleIsAnnouncedAndANewSlugAnnouncesTheOldAddressToo() throws Exception {
        remote.stubFor(post("/indexnow").willReturn(aResponse().withStatus(200)));
        Article live = data.published(unique("Wird korrigiert"));
        String oldUrl = "http://localhost:8080" + live.path();
        awaitQueued(oldUrl);
        indexNow.sendDue();
        remote.resetRequests();

        Article edited = articles.update(live.id(), live.version(), new ArticleDraft(live.title() + " (korrigiert)", null,
                live.dateline(), live.lead(), live.bodyMarkdown(), List.of(), List.of(), null, null, null, null, null), data.admin());
        awaitQueued(oldUrl);
        assertThat(indexNow.sendDue()).isPositive();
        assertThat(announced()).contains(oldUrl);

        remote.resetRequests();
        String slug = "korrigiert-" + Long.toString(System.nanoTime(), 36);
        Article moved = articles.update(live.id(), edited.version(), new ArticleDraft(edited.title(), slug, edited.dateline(),
                edited.lead(), edited.bodyMarkdown(), List.of(), List.of(), null, null, null, null, null), data.admin());
        String newUrl = "http://localhost:8080" + moved.path();
        assertThat(newUrl).endsWith("/" + slug);
        awaitQueued(newUrl);
        awaitQueued(oldUrl);
        indexNow.sendDue();
        assertThat(announced()).contains(newUrl, oldUrl);
        assertThat(get(live.path()).statusCode()).as("the old address redirects").isEqualTo(301);
    }

    @Test
    void anAddressQueuedAgainWhileItIsBeingAnnouncedStaysQueued() throws Exception {
        remote.stubFor(post("/indexnow").willReturn(aResponse().withStatus(200).withFixedDelay(3000)));
        Article a = data.published(unique("Während der Ankündigung geändert"));
        String url = "http://localhost:8080" + a.path();
        awaitQueued(url);
        java.util.concurrent.CompletableFuture<Integer> sending = java.util.concurrent.CompletableFuture.supplyAsync(indexNow::sendDue);
        Thread.sleep(1000);
        assertThat(sending).as("the request is still under way").isNotDone();
        indexNow.enqueue(a.path());
        assertThat(sending.get(20, java.util.concurrent.TimeUnit.SECONDS)).isPositive();

        assertThat(jdbc.sql("select count(*) from indexnow_queue where url = :url").param("url", url).query(Long.class).single())
                .as("the change made during the request is still to be announced").isOne();
        remote.stubFor(post("/indexnow").willReturn(aResponse().withStatus(200)));
        remote.resetRequests();
        assertThat(indexNow.sendDue()).isPositive();
        assertThat(announced()).contains(url);
    }

    private List<String> announced() {
        return announcements().stream().flatMap(b -> b.path("urlList").valueStream().map(JsonNode::asString)).toList();
    }

    @Test
    void theBackoffDoublesAndIsCapped() {
        DiscoveryProperties.IndexNow p = new DiscoveryProperties.IndexNow(true, "", "http://x", java.time.Duration.ofSeconds(5),
                java.time.Duration.ofMinutes(1), 8, java.time.Duration.ofSeconds(10));
        IndexNow sender = new IndexNow(jdbc, key, p, site, json, java.time.Clock.systemUTC());
        assertThat(sender.pause(1)).hasMinutes(1);
        assertThat(sender.pause(2)).hasMinutes(2);
        assertThat(sender.pause(4)).hasMinutes(8);
        assertThat(sender.pause(30)).hasHours(6);
    }
}
