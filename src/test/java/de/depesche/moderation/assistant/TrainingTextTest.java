package de.depesche.moderation.assistant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TrainingTextTest {

    @Test
    void handlesLinksAndLineBreakMarkersAreNotCounted() {
        String tweet = "@corinnamilborn @Martin_28a Danke für den Hinweis!|LBR|Mehr dazu: https://t.co/AbC123 und www.example.org/x";
        String clean = TrainingText.clean(tweet);
        assertThat(clean).doesNotContain("corinnamilborn", "Martin_28a", "@", "t.co", "example.org", "|LBR|")
                .contains("Danke für den Hinweis!").contains("\n").contains("Mehr dazu:");
        assertThat(TrainingText.handles(tweet)).containsExactly("corinnamilborn", "Martin_28a");
    }

    @Test
    void handleTermsDoNotReachTheAnalysedTerms() {
        TermAnalyzer analyzer = new de.depesche.search.GermanAnalysis()::terms;
        String tweet = "@Zeitungsleserin47 @ÖffiFahrer Die Bahn ist wieder zu spät.";
        assertThat(analyzer.terms(tweet)).as("without cleaning, names become terms").anyMatch(t -> t.contains("zeitungsleserin"));
        assertThat(analyzer.terms(TrainingText.clean(tweet))).noneMatch(t -> t.contains("zeitungsleserin") || t.contains("fahrer"))
                .anyMatch(t -> t.startsWith("bahn"));
    }

    @Test
    void anEmailAddressIsNoHandle() {
        assertThat(TrainingText.handles("schreib an leser@example.org")).isEmpty();
    }
}
