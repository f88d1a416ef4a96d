package de.depesche.site;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SlugifyTest {

    @Test
    void transliteratesGermanLettersTheWayGermanReadersWriteThem() {
        assertThat(Slugify.slugify("Größere Übungen für Ärzte")).isEqualTo("groessere-uebungen-fuer-aerzte");
        assertThat(Slugify.slugify("Straße ẞ")).isEqualTo("strasse-ss");
        assertThat(Slugify.slugify("ÄÖÜ äöü")).isEqualTo("aeoeue-aeoeue");
    }

    @Test
    void dropsAccentsAndPunctuationAndCollapsesHyphens() {
        assertThat(Slugify.slugify("  Café in São Paulo: KI?! -- Ja!  ")).isEqualTo("cafe-in-sao-paulo-ki-ja");
        assertThat(Slugify.slugify("NATO-Verteidigungschefs beraten")).isEqualTo("nato-verteidigungschefs-beraten");
    }

    @Test
    void isEmptyForTextWithoutLettersOrDigits() {
        assertThat(Slugify.slugify("!!! ??? <script>")).isEqualTo("script");
        assertThat(Slugify.slugify("—")).isEmpty();
    }

    @Test
    void cutsLongTitlesAtAWordBoundary() {
        String slug = Slugify.slugify("Wort ".repeat(60));
        assertThat(slug.length()).isLessThanOrEqualTo(Slugify.MAX_LENGTH);
        assertThat(slug).doesNotEndWith("-").endsWith("wort");
    }

    @Test
    void acceptsOnlyCanonicalSlugs() {
        assertThat(Slugify.isValid("nato-gipfel-2")).isTrue();
        assertThat(Slugify.isValid("NATO")).isFalse();
        assertThat(Slugify.isValid("a--b")).isFalse();
        assertThat(Slugify.isValid("-a")).isFalse();
        assertThat(Slugify.isValid("über")).isFalse();
        assertThat(Slugify.isValid("")).isFalse();
    }
}
