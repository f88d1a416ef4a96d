package de.depesche.job;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

import de.depesche.account.AuditLog;
import de.depesche.site.SiteChanges;
import de.depesche.site.SiteProperties;
import de.depesche.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same feed read again on later days, with a clock that the test moves: what a feed leaves out
 * (posting date, end date) keeps its stored value, so an unchanged feed changes nothing, and jobs
 * without end date still end.
 */
class JobImportOverDaysTest extends IntegrationTest {

    @Autowired
    JdbcJobRepository repository;

    @Autowired
    JobProperties properties;

    @Autowired
    FeedFetcher fetcher;

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

    private final MovableClock clock = new MovableClock(Instant.now());

    private JobListings jobs() {
        return new JobListings(repository, properties, fetcher, changes, audit, site, clock, json, tx);
    }

    private ImportReport importXml(JobListings jobs, String... entries) {
        String feed = "<source>" + String.join("", entries) + "</source>";
        return jobs.importFeed(new ByteArrayInputStream(feed.getBytes(StandardCharsets.UTF_8)), "application/xml",
                JobSourceKind.API, "", data.admin());
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), site.timeZone());
    }

    private JobListing only(JobListings jobs, String title) {
        return jobs.newsroomList(title, 1, 10).items().stream().filter(j -> j.title().equals(title)).findFirst().orElseThrow();
    }

    @Test
    void anUnchangedFeedWithoutDatesIsADuplicateTheNextDayAndKeepsItsDates() {
        JobListings jobs = jobs();
        ZoneId zone = site.timeZone();
        LocalDate firstDay = today();
        String undated = unique("Stelle ohne Daten");
        String postedOnly = unique("Stelle nur mit Beginn");
        String endOnly = unique("Stelle nur mit Ende");
        String[] feed = {
                JobImportApiTest.job(undated, "Tagesverlag", "Halle", ""),
                JobImportApiTest.job(postedOnly, "Tagesverlag", "Halle", "<date>" + firstDay.minusDays(3) + "</date>"),
                JobImportApiTest.job(endOnly, "Tagesverlag", "Halle", "<expiration_date>" + firstDay.plusDays(90) + "</expiration_date>")};
        assertThat(importXml(jobs, feed).created()).isEqualTo(3);
        JobListing a = only(jobs, undated);
        JobListing b = only(jobs, postedOnly);
        JobListing c = only(jobs, endOnly);
        assertThat(a.postedOn()).isEqualTo(firstDay);
        assertThat(a.validThrough()).as("default validity after the first sighting")
                .isEqualTo(firstDay.plusDays(properties.defaultValidity().toDays()).atStartOfDay(zone).toInstant());
        assertThat(b.postedOn()).isEqualTo(firstDay.minusDays(3));
        assertThat(c.postedOn()).isEqualTo(firstDay);

        clock.advance(Duration.ofDays(1));
        ImportReport again = importXml(jobs, feed);
        assertThat(again.duplicates()).isEqualTo(3);
        assertThat(again.updated()).isZero();
        assertThat(again.created()).isZero();
        for (JobListing before : java.util.List.of(a, b, c)) {
            JobListing after = jobs.find(before.id()).orElseThrow();
            assertThat(after.postedOn()).as(before.title()).isEqualTo(before.postedOn());
            assertThat(after.validThrough()).as(before.title()).isEqualTo(before.validThrough());
            assertThat(after.updatedAt()).as("sitemap lastmod of " + before.title()).isEqualTo(before.updatedAt());
        }
    }

    @Test
    void aJobWithoutEndDateEndsAfterTheDefaultValidityEvenWhileTheFeedStillCarriesIt() {
        JobListings jobs = jobs();
        String title = unique("Dauerstelle im Feed");
        String entry = JobImportApiTest.job(title, "Dauerverlag", "Gera", "");
        importXml(jobs, entry);
        long id = only(jobs, title).id();
        for (int day = 1; day <= properties.defaultValidity().toDays() + 1; day += 10) {
            clock.advance(Duration.ofDays(10));
            ImportReport daily = importXml(jobs, entry);
            assertThat(daily.updated()).as("day " + day).isZero();
        }
        assertThat(jobs.lookup(id)).isInstanceOf(JobListings.Lookup.Ended.class);
        assertThat(jobs.board(new JobFilter(null, false, null, title), 1, 10).items()).isEmpty();
    }

    @Test
    void aFeedThatMovesAKnownJobsEndIntoThePastTakesItDown() {
        JobListings jobs = jobs();
        String title = unique("Vorzeitig beendet");
        importXml(jobs, JobImportApiTest.job(title, "Endverlag", "Suhl", "<expiration_date>" + today().plusDays(30) + "</expiration_date>"));
        long id = only(jobs, title).id();
        clock.advance(Duration.ofDays(2));

        ImportReport report = importXml(jobs, JobImportApiTest.job(title, "Endverlag", "Suhl",
                "<expiration_date>" + today().minusDays(1) + "</expiration_date>"));
        assertThat(report.ended()).isEqualTo(1);
        assertThat(report.rejected()).isEmpty();
        assertThat(jobs.lookup(id)).isInstanceOf(JobListings.Lookup.Ended.class);
        assertThat(importXml(jobs, JobImportApiTest.job(title, "Endverlag", "Suhl",
                "<expiration_date>" + today().minusDays(1) + "</expiration_date>")).ended()).as("ended once").isZero();

        ImportReport unknown = importXml(jobs, JobImportApiTest.job(unique("Nie gesehen"), "Endverlag", "Suhl",
                "<expiration_date>" + today().minusDays(1) + "</expiration_date>"));
        assertThat(unknown.rejected()).singleElement()
                .satisfies(r -> assertThat(r.reason().messageKey()).isEqualTo("job.expired"));
    }

    /** A clock the test moves forward; every zone view shares the same instant. */
    static final class MovableClock extends Clock {
        private final AtomicReference<Instant> now;
        private final ZoneId zone;

        MovableClock(Instant now) {
            this(new AtomicReference<>(now), ZoneId.of("UTC"));
        }

        private MovableClock(AtomicReference<Instant> now, ZoneId zone) {
            this.now = now;
            this.zone = zone;
        }

        void advance(Duration d) {
            now.updateAndGet(t -> t.plus(d));
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return new MovableClock(now, zone);
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }
}
