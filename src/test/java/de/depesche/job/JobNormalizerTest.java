package de.depesche.job;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JobNormalizerTest {

    @Test
    void collapsesWhiteSpaceAndCalmsShoutingTitles() {
        assertThat(JobNormalizer.title("  SENIOR   JAVA-ENTWICKLER \n (M/W/D) ")).isEqualTo("Senior Java-Entwickler (m/w/d)");
        assertThat(JobNormalizer.title("Redakteur\u00A0für KI")).isEqualTo("Redakteur für KI");
        assertThat(JobNormalizer.employer(" SAP  SE ")).isEqualTo("SAP SE");
    }

    @Test
    void placesLoseCodesAndCountriesAndTakeTheirGermanNames() {
        JobNormalizer.Places p = JobNormalizer.places(List.of("80331 MUENCHEN, Germany", "Cologne; Remote", "berlin"));
        assertThat(p.names()).containsExactly("München", "Köln", "Berlin");
        assertThat(p.remoteMentioned()).isTrue();
        assertThat(JobNormalizer.places(List.of("Frankfurt a. M.")).names()).containsExactly("Frankfurt am Main");
    }

    @Test
    void removesTrackingParametersAndRefusesOtherSchemes() {
        assertThat(JobNormalizer.applyUrl("https://Jobs.Example.org/a?utm_source=x&id=7&gclid=abc&fbclid=1"))
                .hasValue("https://jobs.example.org/a?id=7");
        assertThat(JobNormalizer.applyUrl("javascript:alert(1)")).isEmpty();
        assertThat(JobNormalizer.applyUrl("file:///etc/passwd")).isEmpty();
        assertThat(JobNormalizer.applyUrl("https://user:pw@example.org/")).isEmpty();
        assertThat(JobNormalizer.applyUrl("")).isEmpty();
    }

    @Test
    void theSameJobHasTheSameKeyHoweverItIsWritten() {
        String a = JobNormalizer.dedupKey("Redakteur (m/w/d) Sicherheitspolitik", "Medienhaus Nord GmbH", List.of("München"));
        String b = JobNormalizer.dedupKey("REDAKTEUR (w/m/d)  sicherheitspolitik", "medienhaus nord gmbh", List.of("Muenchen"));
        String c = JobNormalizer.dedupKey("Redakteur Sicherheitspolitik", "Medienhaus Nord GmbH", List.of("Hamburg"));
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
    }

    @Test
    void descriptionsAreSanitisedAndPlainTextBecomesParagraphs() {
        String html = JobNormalizer.description("<p onclick=\"x()\">Hallo<script>alert(1)</script></p><img src=\"https://tracker.example/p.gif\"><a href=\"javascript:x\">k</a>");
        assertThat(html).doesNotContain("script", "onclick", "tracker.example", "javascript");
        assertThat(html).contains("Hallo");
        assertThat(JobNormalizer.description("Erste Zeile\n\nZweiter <Absatz> & mehr")).isEqualTo(
                JobNormalizer.description("Erste Zeile\n\nZweiter <Absatz> & mehr"));
        assertThat(JobNormalizer.description("Erste Zeile\n\nZweiter Absatz & mehr")).isEqualTo("<p>Erste Zeile</p><p>Zweiter Absatz &amp; mehr</p>");
        assertThat(JobNormalizer.hasText(JobNormalizer.description("<script>nur Skript</script>"))).isFalse();
    }

    @Test
    void readsTheDateFormsFeedsUse() {
        java.time.ZoneId berlin = java.time.ZoneId.of("Europe/Berlin");
        for (String d : List.of("2025-01-10", "10.01.2025", "2025-01-10T09:00:00Z", "2025-01-10T09:00:00+01:00",
                "Fri, 10 Jan 2025 09:00:00 GMT", "2025-01-10 09:00:00")) {
            assertThat(JobNormalizer.dateTime(d, berlin)).as(d).isPresent()
                    .hasValueSatisfying(z -> assertThat(z.toLocalDate()).isEqualTo(java.time.LocalDate.of(2025, 1, 10)));
        }
        assertThat(JobNormalizer.dateTime("gestern", berlin)).isEmpty();
    }
}
