package de.depesche.site;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The Last-Modified of a page moves forward with every change of its bytes, and only then. */
class PageValidatorsTest {

    private final PageCache cache = new PageCache(new SiteProperties(Path.of("data"), "http://localhost:8080",
            ZoneId.of("Europe/Berlin"), new SiteProperties.PageCacheProperties(true, org.springframework.util.unit.DataSize.ofMegabytes(1), 100, Duration.ofSeconds(60), Duration.ofSeconds(1))));

    private static final long T = 1_800_000_000_000L;

    @Test
    void aPageIsDatedWhenItsBytesFirstAppearedOrItsMarkedTimeIfLater() {
        assertThat(cache.lastModified("/", "W/\"a\"", T - 3_600_000, T + 400)).isEqualTo(T);
        assertThat(cache.lastModified("/", "W/\"a\"", T + 60_000, T + 90_000)).as("same bytes, same date").isEqualTo(T);
        assertThat(cache.lastModified("/kategorie/x", "W/\"k\"", T + 5_250, T + 400)).as("marked later").isEqualTo(T + 5_000);
    }

    @Test
    void newBytesAreNeverDatedAtOrBeforeTheDateTheOldOnesHad() {
        long first = cache.lastModified("/", "W/\"a\"", T - 3_600_000, T);
        // The newest article withdrawn: the marked time goes back an hour, the page still moves forward.
        long withdrawn = cache.lastModified("/", "W/\"b\"", T - 7_200_000, T + 30_000);
        assertThat(withdrawn).isEqualTo(T + 30_000).isGreaterThan(first);
        // A third version within the same second: a second later, though the clock has not got there yet.
        long again = cache.lastModified("/", "W/\"c\"", T - 7_200_000, T + 30_700);
        assertThat(again).isEqualTo(T + 31_000);
        // Back to bytes seen before is still a change for whoever holds the last ones.
        assertThat(cache.lastModified("/", "W/\"a\"", T - 3_600_000, T + 40_000)).isEqualTo(T + 40_000);
    }
}
