package de.depesche.search;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What each step of the German analysis does, on real words from news articles. */
class GermanAnalysisTest {

    private static final GermanAnalysis analysis = new GermanAnalysis();

    private static List<String> terms(String text) {
        return analysis.terms(text);
    }

    private static List<String> query(String text) {
        return GermanAnalysis.terms(analysis.queryAnalyzer(), text);
    }

    @Test
    void aCompoundKeepsItselfAndAddsItsParts() {
        assertThat(terms("Sicherheitsgarantien")).containsExactly("sicherheitsgaranti", "sicherheit", "garanti");
    }

    @Test
    void garantieFindsSicherheitsgarantien() {
        assertThat(query("Garantie")).containsExactly("garanti");
        assertThat(terms("Sicherheitsgarantien")).contains(query("Garantie").getFirst());
        assertThat(terms("Garantien")).isEqualTo(query("Garantie"));
    }

    @Test
    void verteidigungschefFindsNatoVerteidigungschefs() {
        List<String> indexed = terms("NATO-Verteidigungschefs");
        assertThat(indexed).startsWith("nato").contains("verteidigung", "chef");
        assertThat(indexed).contains(query("Verteidigungschef").getFirst());
        assertThat(analysis.analysedParts("Verteidigungschef")).containsExactly("verteidigung", "chef");
    }

    @Test
    void umlautsAndTheirSpellingWithEAreTheSame() {
        assertThat(terms("Rüstung")).isEqualTo(terms("Ruestung"));
        assertThat(terms("Äußerung")).isEqualTo(terms("Aeusserung"));
        assertThat(terms("Öffentlichkeit")).isEqualTo(terms("Oeffentlichkeit"));
    }

    @Test
    void eszettIsDoubleS() {
        assertThat(terms("Straße")).isEqualTo(terms("Strasse"));
        assertThat(terms("Fußball").getFirst()).isEqualTo(terms("Fussball").getFirst());
    }

    @Test
    void lightStemmingJoinsSingularAndPlural() {
        assertThat(terms("Minister")).isEqualTo(terms("Ministern"));
        assertThat(terms("Drohne")).isEqualTo(terms("Drohnen"));
        assertThat(terms("Regierung")).isEqualTo(terms("Regierungen"));
        assertThat(terms("Staat")).isEqualTo(terms("Staaten"));
        assertThat(terms("Vertrag")).isEqualTo(terms("Verträge"));
    }

    @Test
    void stopWordsAreDropped() {
        assertThat(terms("der die das und für über mit einem")).isEmpty();
        assertThat(terms("Die Verteidigung der Ukraine")).containsExactly("verteidigung", "ukrain");
    }

    @Test
    void lowerCasesAndSplitsAtHyphensAndPunctuation() {
        assertThat(terms("EU-Kommission, NATO!")).startsWith("eu").contains("kommission", "nato");
        assertThat(terms("KI")).containsExactly("ki");
    }

    @Test
    void shortWordsAndNamesAreNotTornApart() {
        assertThat(terms("Haus")).containsExactly("haus");
        assertThat(terms("Garantie")).containsExactly("garanti");
        assertThat(analysis.analysedParts("Garantie")).isEmpty();
    }

    @Test
    void oddInputGivesNoTermsOrPlainOnes() {
        assertThat(terms("")).isEmpty();
        assertThat(terms("   \n\t ")).isEmpty();
        assertThat(terms("<script>alert(1)</script>")).containsExactly("script", "alert", "1", "script");
        assertThat(terms("x".repeat(10_000))).allMatch(t -> t.length() <= 255);
        assertThat(terms("Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichen".repeat(3))).isNotEmpty();
    }
}
