package de.depesche.search;

import java.util.List;

import de.depesche.site.InvalidInput;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReaderQueryTest {

    private static String problem(String q) {
        try {
            ReaderQuery.parse(q);
            return "none";
        } catch (InvalidInput e) {
            return e.problems().getFirst().messageKey();
        }
    }

    @Test
    void readsWordsPhrasesExclusionsAndPrefixes() {
        ReaderQuery q = ReaderQuery.parse("NATO \"Gipfel in Den Haag\" -Russland Verteid* -\"kalter Krieg\"");
        assertThat(q.parts()).containsExactly(
                new ReaderQuery.Part("NATO", false, false, false),
                new ReaderQuery.Part("Gipfel in Den Haag", true, false, false),
                new ReaderQuery.Part("Russland", false, true, false),
                new ReaderQuery.Part("Verteid", false, false, true),
                new ReaderQuery.Part("kalter Krieg", true, true, false));
    }

    @Test
    void germanQuotesAndSentencePunctuationAreUnderstood() {
        assertThat(ReaderQuery.parse("„Sicherheitsgarantien für Kiew“").parts())
                .containsExactly(new ReaderQuery.Part("Sicherheitsgarantien für Kiew", true, false, false));
        assertThat(ReaderQuery.parse("Wer zahlt?").parts()).extracting(ReaderQuery.Part::text).containsExactly("Wer", "zahlt");
        assertThat(ReaderQuery.parse("  ").parts()).isEmpty();
        assertThat(ReaderQuery.parse("NATO - Gipfel").parts()).extracting(ReaderQuery.Part::text).containsExactly("NATO", "-", "Gipfel");
    }

    @Test
    void refusesWhatItCannotAnswerWithAReason() {
        assertThat(problem("\"offen")).isEqualTo("search.query.quote");
        assertThat(problem("*garantie")).isEqualTo("search.query.leadingWildcard");
        assertThat(problem("ga*tie")).isEqualTo("search.query.wildcard");
        assertThat(problem("ga*")).isEqualTo("search.query.prefixShort");
        assertThat(problem("x".repeat(10_000))).isEqualTo("search.query.tooLong");
        assertThat(problem("NATO\u0000Gipfel")).isEqualTo("search.query.control");
        assertThat(problem("NATO\u001B[31m")).isEqualTo("search.query.control");
        assertThat(problem("Gipfel \uFFFD")).isEqualTo("search.query.encoding");
        assertThat(problem("-NATO -Russland")).isEqualTo("search.query.onlyExclusions");
        assertThat(problem(String.join(" ", List.of("a b c d e f g h i j k l m n o p q r s t u".split(" "))))).isEqualTo("search.query.tooManyWords");
    }

    @Test
    void sqlAndLuceneSyntaxAreJustText() {
        assertThat(problem("' OR 1=1; DROP TABLE article; --")).isEqualTo("none");
        assertThat(problem("title:(NATO AND Gipfel)~2^3 [a TO z] {x}")).isEqualTo("none");
        assertThatThrownBy(() -> ReaderQuery.parse("\"")).isInstanceOf(InvalidInput.class);
    }
}
