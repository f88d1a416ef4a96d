package de.depesche.job;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;

import com.github.tomakehurst.wiremock.client.WireMock;
import de.depesche.account.AuditLog;
import de.depesche.site.SiteChanges;
import de.depesche.site.SiteProperties;
import de.depesche.support.OutboundIntegrationTest;
import org.apache.hc.client5.http.DnsResolver;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.ObjectMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Job sources with local sources forbidden (as in production), against the local fake feed server: a
 * name that resolves to a private address, and a public source that redirects to one, are refused
 * with a reason before anything is fetched from there. DNS is stood in for by a stub, so that
 * "public" and "private" can both point at the fake server on this machine.
 */
class FeedAddressGuardTest extends OutboundIntegrationTest {

    private static final String PUBLIC_HOST = "feeds.public.example";
    private static final String REBINDING_HOST = "rebinding.example";

    @Autowired
    JdbcJobRepository repository;

    @Autowired
    SiteChanges changes;

    @Autowired
    AuditLog audit;

    @Autowired
    SiteProperties site;

    @Autowired
    ObjectMapper json;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    Clock clock;

    /** Production rules (no local sources), DNS replaced by a stub. */
    private JobListings guardedJobs() {
        JobProperties noLocal = new JobProperties(DataSize.ofMegabytes(20), 5000, Duration.ofSeconds(2), Duration.ofSeconds(3),
                Duration.ofDays(60), 3, false, "DE");
        FeedFetcher.GuardedResolver guarded = new FeedFetcher.GuardedResolver(host -> switch (host) {
            // a name that looks public but whose DNS answers with a private address
            case REBINDING_HOST -> new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
            default -> InetAddress.getAllByName(host);
        }, false);
        DnsResolver internet = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                // Stands in for a public server: the fake feed server, reached without the guard.
                if (host.equals(PUBLIC_HOST)) {
                    return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
                }
                return guarded.resolve(host);
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        return new JobListings(repository, noLocal, new FeedFetcher(noLocal, internet), changes, audit, site, clock, json, tx);
    }

    private String at(String host, String path) {
        return "http://" + host + ":" + remote.port() + path;
    }

    @Test
    void aNameThatResolvesToAPrivateAddressIsRefusedBeforeConnecting() {
        JobListings jobs = guardedJobs();
        remote.stubFor(WireMock.get("/feeds/internal.xml").willReturn(aResponse().withBody("<source/>")));
        JobSource source = jobs.saveSource(null, unique("Umgebogen"), at(REBINDING_HOST, "/feeds/internal.xml"), FeedFormat.XML,
                6, true, true, data.admin());
        ImportReport report = jobs.importSource(source.id(), data.admin());
        assertThat(report.failure()).isNotNull();
        assertThat(report.failure().messageKey()).isEqualTo("job.source.local");
        assertThat(report.failure().args()).containsExactly(REBINDING_HOST + " (127.0.0.1)");
        assertThat(remote.findAll(anyRequestedFor(anyUrl()))).as("nothing was fetched").isEmpty();
    }

    @Test
    void aPublicSourceThatRedirectsToAPrivateAddressIsRefusedAndNothingIsFetchedThere() {
        JobListings jobs = guardedJobs();
        remote.stubFor(WireMock.get("/feeds/moving.xml").willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://127.0.0.1:" + remote.port() + "/internal/secret.xml")));
        remote.stubFor(WireMock.get("/internal/secret.xml").willReturn(aResponse().withBody(
                "<source>" + JobImportApiTest.job(unique("Geheim"), "Intern", "Berlin", "") + "</source>")));
        JobSource source = jobs.saveSource(null, unique("Öffentlich"), at(PUBLIC_HOST, "/feeds/moving.xml"), FeedFormat.XML,
                6, true, true, data.admin());

        ImportReport report = jobs.importSource(source.id(), data.admin());
        assertThat(report.failure()).isNotNull();
        assertThat(report.failure().messageKey()).isEqualTo("job.source.local");
        assertThat(report.failure().args()).containsExactly("127.0.0.1");
        assertThat(report.created()).isZero();
        assertThat(remote.findAll(getRequestedFor(urlEqualTo("/feeds/moving.xml")))).hasSize(1);
        assertThat(remote.findAll(getRequestedFor(urlEqualTo("/internal/secret.xml")))).as("nothing fetched there").isEmpty();
    }
}
