package de.depesche.job;

import java.nio.charset.StandardCharsets;

import com.github.tomakehurst.wiremock.client.WireMock;
import de.depesche.support.OutboundIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

/** Job sources fetched from a local fake feed server: formats, redirects, slowness, failures. */
class RemoteJobSourceTest extends OutboundIntegrationTest {

    @Autowired
    JobListings jobs;

    private JobSource source(String path, FeedFormat format) {
        return jobs.saveSource(null, unique("Quelle"), remoteUrl(path), format, 6, true, data.admin());
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
