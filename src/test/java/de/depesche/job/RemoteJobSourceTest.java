package de.depesche.job;

import java.nio.charset.StandardCharsets;

import com.github.tomakehurst.wiremock.client.WireMock;
import de.depesche.support.OutboundIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

/** Job sources fetched from a local fake feed server: formats, redirects, slowness, failures. */
@ExtendWith(OutputCaptureExtension.class)
class RemoteJobSourceTest extends OutboundIntegrationTest {

    @Autowired
    JobListings jobs;

    private JobSource source(String path, FeedFormat format) {
        return source(path, format, true);
    }

    private JobSource source(String path, FeedFormat format, boolean fullFeed) {
        return jobs.saveSource(null, unique("Quelle"), remoteUrl(path), format, 6, true, fullFeed, data.admin());
    }

    private void serve(String path, String... entries) {
        remote.stubFor(WireMock.get(path).willReturn(aResponse().withHeader("Content-Type", "application/xml")
                .withBody("<source>" + String.join("", entries) + "</source>")));
    }

    private long id(String title) {
        return jobs.newsroomList(title, 1, 10).items().stream().filter(j -> j.title().equals(title)).findFirst()
                .orElseThrow().id();
    }

    private boolean current(String title) {
        return jobs.lookup(id(title)) instanceof JobListings.Lookup.Current;
    }

    @Test
    void importsAnXmlFeedAndAJsonLdFeedFromTheirSources() {
        String xmlTitle = unique("Feed-Stelle XML");
        remote.stubFor(WireMock.get("/feeds/jobs.xml").willReturn(aResponse().withHeader("Content-Type", "application/xml")
                .withBody("<source>" + JobImportApiTest.job(xmlTitle, "Feed GmbH", "Potsdam", "") + "</source>")));
        String jsonTitle = unique("Feed-Stelle JSON");
        remote.stubFor(WireMock.get("/feeds/jobs.json").willReturn(aResponse().withHeader("Content-Type", "application/ld+json")
                .withBody("""
                        {"@context": "https://schema.org", "@graph": [{"@type": "JobPosting", "title": "%s",
                         "description": "Beschreibung", "hiringOrganization": {"name": "JSON AG"},
                         "jobLocation": {"address": {"addressLocality": "Cottbus"}}, "url": "https://json.example/1"}]}
                        """.formatted(jsonTitle))));

        ImportReport xml = jobs.importSource(source("/feeds/jobs.xml", FeedFormat.AUTO).id(), data.admin());
        assertThat(xml.failure()).isNull();
        assertThat(xml.created()).isEqualTo(1);
        ImportReport json = jobs.importSource(source("/feeds/jobs.json", FeedFormat.JSON).id(), data.admin());
        assertThat(json.created()).isEqualTo(1);
        assertThat(jobs.board(new JobFilter(null, false, null, jsonTitle), 1, 10).items())
                .singleElement().satisfies(j -> assertThat(j.places()).containsExactly("Cottbus"));
    }

    @Test
    void aJobThatVanishesFromAFullFeedEndsAndABrokenFeedEndsNothing() {
        String kept = unique("Bleibt im Feed");
        String withdrawn = unique("Zurückgezogen");
        serve("/feeds/full.xml", JobImportApiTest.job(kept, "Vollverlag", "Weimar", ""),
                JobImportApiTest.job(withdrawn, "Vollverlag", "Weimar", ""));
        JobSource source = source("/feeds/full.xml", FeedFormat.XML);
        assertThat(jobs.importSource(source.id(), data.admin()).created()).isEqualTo(2);

        serve("/feeds/full.xml", "<job><title>Kaputt", "");
        ImportReport broken = jobs.importSource(source.id(), data.admin());
        assertThat(broken.failure()).isNotNull();
        assertThat(broken.ended()).isZero();
        assertThat(current(withdrawn)).isTrue();

        serve("/feeds/full.xml", JobImportApiTest.job(kept, "Vollverlag", "Weimar", ""));
        ImportReport report = jobs.importSource(source.id(), data.admin());
        assertThat(report.ended()).isEqualTo(1);
        assertThat(report.duplicates()).isEqualTo(1);
        assertThat(current(withdrawn)).isFalse();
        assertThat(current(kept)).isTrue();
        assertThat(get("/jobs/" + id(withdrawn)).statusCode()).isEqualTo(410);
        assertThat(jobs.report(report.id()).orElseThrow().ended()).isEqualTo(1);
    }

    @Test
    void aFeedOfNewsOnlyOrAJobAnotherSourceStillListsEndsNothing() {
        String a = unique("Neu im Teilfeed");
        String b = unique("Gestern im Teilfeed");
        serve("/feeds/news.xml", JobImportApiTest.job(a, "Teilverlag", "Gera", ""), JobImportApiTest.job(b, "Teilverlag", "Gera", ""));
        JobSource partial = source("/feeds/news.xml", FeedFormat.XML, false);
        jobs.importSource(partial.id(), data.admin());
        serve("/feeds/news.xml", JobImportApiTest.job(a, "Teilverlag", "Gera", ""));
        assertThat(jobs.importSource(partial.id(), data.admin()).ended()).isZero();
        assertThat(current(b)).isTrue();

        String shared = unique("In zwei Feeds");
        serve("/feeds/one.xml", JobImportApiTest.job(shared, "Doppelverlag", "Zeitz", ""));
        serve("/feeds/two.xml", JobImportApiTest.job(shared, "Doppelverlag", "Zeitz", ""));
        JobSource one = source("/feeds/one.xml", FeedFormat.XML);
        JobSource two = source("/feeds/two.xml", FeedFormat.XML);
        jobs.importSource(one.id(), data.admin());
        jobs.importSource(two.id(), data.admin());
        serve("/feeds/one.xml", JobImportApiTest.job(unique("Anderes"), "Doppelverlag", "Zeitz", ""));
        assertThat(jobs.importSource(one.id(), data.admin()).ended()).isZero();
        assertThat(current(shared)).as("the second feed still lists it").isTrue();
        serve("/feeds/two.xml", JobImportApiTest.job(unique("Noch was"), "Doppelverlag", "Zeitz", ""));
        assertThat(jobs.importSource(two.id(), data.admin()).ended()).isEqualTo(1);
        assertThat(current(shared)).isFalse();
    }

    @Test
    void aFeedThatTakesTooLongIsGivenUpWithAReason() {
        remote.stubFor(WireMock.get("/feeds/slow.xml").willReturn(aResponse().withFixedDelay(10_000).withBody("<source/>")));
        ImportReport report = jobs.importSource(source("/feeds/slow.xml", FeedFormat.XML).id(), data.admin());
        assertThat(report.failure()).isNotNull();
        assertThat(report.failure().messageKey()).isEqualTo("job.feed.timeout");
        assertThat(report.created()).isZero();
    }

    @Test
    void aFeedThatTricklesInIsGivenUpToo() {
        remote.stubFor(WireMock.get("/feeds/trickle.xml").willReturn(aResponse()
                .withBody("<source>" + "<!-- ... -->".repeat(400) + "</source>").withChunkedDribbleDelay(50, 10_000)));
        ImportReport report = jobs.importSource(source("/feeds/trickle.xml", FeedFormat.XML).id(), data.admin());
        assertThat(report.failure().messageKey()).isEqualTo("job.feed.timeout");
    }

    @Test
    void logsNameTheSourcesHostAndPathButNotItsCredentialsOrQuery(CapturedOutput output) {
        // A feed that takes too long, at an address with an access token in its query.
        remote.stubFor(WireMock.get(WireMock.urlPathEqualTo("/feeds/token.xml")).willReturn(aResponse().withFixedDelay(4000)
                .withHeader("Content-Type", "application/xml").withBody("<source></source>")));
        String withToken = remoteUrl("/feeds/token.xml?token=abfrage-geheimnis");
        JobSource source = jobs.saveSource(null, unique("Quelle"), withToken, FeedFormat.XML, 6, true, true, data.admin());
        assertThat(jobs.importSource(source.id(), data.admin()).failure().messageKey()).isEqualTo("job.feed.timeout");
        // A user name and password in the address: refused by the HTTP client, and logged without them.
        String refused = "http://leser:passwort-geheim@localhost:9/feeds/jobs.xml?token=port-geheimnis";
        JobSource closed = jobs.saveSource(null, unique("Quelle"), refused, FeedFormat.XML, 6, true, true, data.admin());
        assertThat(jobs.importSource(closed.id(), data.admin()).failure()).isNotNull();

        assertThat(output.getAll()).contains("Job feed http://localhost:9/feeds/jobs.xml ")
                .contains("Job feed " + remoteUrl("/feeds/token.xml") + " did not arrive")
                .doesNotContain("passwort-geheim", "abfrage-geheimnis", "port-geheimnis");
    }

    @Test
    void serverErrorsAndRedirectsToLocalFilesAreReported() {
        remote.stubFor(WireMock.get("/feeds/broken.xml").willReturn(aResponse().withStatus(500)));
        assertThat(jobs.importSource(source("/feeds/broken.xml", FeedFormat.XML).id(), data.admin()).failure().messageKey())
                .isEqualTo("job.feed.status");
        remote.stubFor(WireMock.get("/feeds/moved.xml").willReturn(aResponse().withStatus(302).withHeader("Location", "file:///etc/passwd")));
        ImportReport moved = jobs.importSource(source("/feeds/moved.xml", FeedFormat.XML).id(), data.admin());
        assertThat(moved.failure().messageKey()).isEqualTo("job.source.scheme");
        assertThat(moved.toString()).doesNotContain("root:");
    }

    @Test
    void aFeedLargerThanTheLimitIsRefused() {
        byte[] big = new byte[21 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) ' ');
        System.arraycopy("<source>".getBytes(StandardCharsets.UTF_8), 0, big, 0, 8);
        remote.stubFor(WireMock.get("/feeds/huge.xml").willReturn(aResponse().withBody(big)));
        ImportReport report = jobs.importSource(source("/feeds/huge.xml", FeedFormat.XML).id(), data.admin());
        assertThat(report.failure().messageKey()).isEqualTo("job.feed.tooLarge");
    }

    @Test
    void dueSourcesAreImportedByTheScheduledRun() {
        String title = unique("Geplante Stelle");
        remote.stubFor(WireMock.get("/feeds/scheduled.xml").willReturn(aResponse()
                .withBody("<source>" + JobImportApiTest.job(title, "Plan AG", "Gera", "") + "</source>")));
        JobSource source = source("/feeds/scheduled.xml", FeedFormat.XML);
        jobs.importDueSources();
        assertThat(jobs.board(new JobFilter(null, false, null, title), 1, 10).items()).hasSize(1);
        JobSource after = jobs.source(source.id()).orElseThrow();
        assertThat(after.lastRunAt()).isNotNull();
        assertThat(after.nextRunAt()).isAfter(after.lastRunAt().plusSeconds(5 * 3600));
    }
}
