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
    void postalCodesGoWhetherTheyStandBeforeOrAfterThePlace() {
        assertThat(JobNormalizer.places(List.of("Hamburg 20095")).names()).containsExactly("Hamburg");
        assertThat(JobNormalizer.places(List.of("20095 Hamburg")).names()).containsExactly("Hamburg");
        assertThat(JobNormalizer.places(List.of("München 80331, Germany")).names()).containsExactly("München");
        assertThat(JobNormalizer.places(List.of("D-01067 Dresden", "Wien 1010", "CH-8001 Zürich")).names())
                .containsExactly("Dresden", "Wien", "Zürich");
        assertThat(JobNormalizer.places(List.of("Leipzig, 04109")).names()).containsExactly("Leipzig");
        assertThat(JobNormalizer.dedupKey("T", "E", JobNormalizer.places(List.of("Hamburg 20095")).names()))
                .isEqualTo(JobNormalizer.dedupKey("T", "E", JobNormalizer.places(List.of("20095 Hamburg")).names()));
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
        assertThat(JobNormalizer.description("<p onclick=\"x()\">Hallo<script>alert(1)</script></p>"
                + "<img src=\"https://tracker.example/p.gif\"><a href=\"javascript:x\">k</a>")).isEqualTo("<p>Hallo</p>k");
        assertThat(JobNormalizer.description("<p>Mehr <a href=\"https://firma.example/team\">über uns</a></p>"))
                .isEqualTo("<p>Mehr <a href=\"https://firma.example/team\" rel=\"noopener\">über uns</a></p>");
        assertThat(JobNormalizer.description("Erste Zeile\n\nZweiter Absatz & mehr"))
                .isEqualTo("<p>Erste Zeile</p><p>Zweiter Absatz &amp; mehr</p>");
        assertThat(JobNormalizer.description("Aufgaben:\nRecherche\nSchreiben")).isEqualTo("<p>Aufgaben:<br />Recherche<br />Schreiben</p>");
        assertThat(JobNormalizer.hasText(JobNormalizer.description("<script>nur Skript</script>"))).isFalse();
    }

    @Test
    void plainTextWithAngleBracketsLosesNoWordAndNoParagraph() {
        assertThat(JobNormalizer.description("Erste Zeile\n\nZweiter <Absatz> & mehr"))
                .isEqualTo("<p>Erste Zeile</p><p>Zweiter &lt;Absatz&gt; &amp; mehr</p>");
        assertThat(JobNormalizer.description("Gehalt < 50 000 € im Jahr\n\nBewerbung bis Freitag"))
                .isEqualTo("<p>Gehalt &lt; 50 000 € im Jahr</p><p>Bewerbung bis Freitag</p>");
        assertThat(JobNormalizer.description("Teamgröße: 3 < x > 1")).isEqualTo("<p>Teamgröße: 3 &lt; x &gt; 1</p>");
        assertThat(JobNormalizer.isHtml("Zweiter <Absatz>")).isFalse();
        assertThat(JobNormalizer.isHtml("Erste <p>Zeile")).isTrue();
        assertThat(JobNormalizer.isHtml("<BR/>")).isTrue();
    }

    @Test
    void hostileDescriptionsOfUnclosedCommentsAndBracketsAreReadInOnePass() {
        // 200 KB of comment openings that never close: a search that tries each opening against the
        // rest of the text takes time in the square of the length.
        String openings = "<!--".repeat(50_000);
        String result = JobNormalizer.description(openings);
        assertThat(result).doesNotContain("<!--").contains("&lt;!--");
        assertThat(JobNormalizer.isHtml(openings)).isFalse();
        assertThat(JobNormalizer.isHtml(openings + "<!-- zu -->")).isTrue();

        // Tag openings that never close are text, and stay.
        String brackets = "<p ".repeat(20_000) + "<".repeat(140_000);
        String line = JobNormalizer.plainLine(brackets + "<b>fett</b>");
        assertThat(line.length()).isEqualTo(brackets.strip().length() + "fett".length());
        assertThat(line.endsWith("<<<fett")).isTrue();
        assertThat(JobNormalizer.hasText("<".repeat(200_000))).isTrue();
        assertThat(JobNormalizer.hasText("<".repeat(200_000) + ">")).isFalse();
        assertThat(JobNormalizer.hasText("<b>Text</b>")).isTrue();
        assertThat(JobNormalizer.plainLine("vor<!-- weg -->nach <b>fett</b> <br>Zeile")).isEqualTo("vornach fett Zeile");
    }

    @Test
    void markupThatArrivedEscapedIsReadAsHtml() {
        assertThat(JobNormalizer.description("&lt;p&gt;Wir &lt;b&gt;suchen&lt;/b&gt; Sie&lt;/p&gt;"))
                .isEqualTo("<p>Wir <b>suchen</b> Sie</p>");
    }

    @Test
    void titlesAndEmployersLoseTheirTagsButKeepOtherAngleBrackets() {
        assertThat(JobNormalizer.title("<b>Redakteur</b> (m/w/d)")).isEqualTo("Redakteur (m/w/d)");
        assertThat(JobNormalizer.title("&lt;strong&gt;Volontär&lt;/strong&gt;")).isEqualTo("Volontär");
        assertThat(JobNormalizer.title("Entwickler <C++> & Tests")).isEqualTo("Entwickler <C++> & Tests");
        assertThat(JobNormalizer.employer("Medien<br/>Haus &amp; Co")).isEqualTo("Medien Haus & Co");
        assertThat(JobNormalizer.employer("<span class=\"x\">Ver</span>lag Nord")).isEqualTo("Verlag Nord");
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
