package de.depesche.moderation.assistant;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemeaningLexiconTest {

    private static List<String> found(DemeaningLexicon lexicon, String text) {
        CommentText t = CommentText.of(text);
        return lexicon.find(t.tokens()).stream().map(m -> m.category() + ": " + t.quote(m.from(), m.to())).toList();
    }

    @Test
    void matchesWordsPrefixesCompoundsAndPhrasesWithGaps() {
        DemeaningLexicon lexicon = DemeaningLexicon.parse(List.of(
                "[insult]", "idiot*", "*idiot", "[threat]", "gehört … aufgehängt", "[dehumanising]", "das pack"));
        assertThat(found(lexicon, "Idioten! Staatsidiot.")).containsExactly("INSULT: Idioten", "INSULT: Staatsidiot");
        assertThat(found(lexicon, "Der gehört sofort und öffentlich aufgehängt"))
                .containsExactly("THREAT: gehört sofort und öffentlich aufgehängt");
        assertThat(found(lexicon, "Der gehört nicht zu denen, die man je aufgehängt hätte")).isEmpty();
        assertThat(found(lexicon, "Das Pack Milch")).containsExactly("DEHUMANISING: Das Pack");
        assertThat(found(lexicon, "Ein Idiotentest? Nein: idiotisch.")).hasSize(2);
    }

    @Test
    void readsUmlautsEitherWayAndFindsInsultsAimedAtTheReader() {
        DemeaningLexicon lexicon = DemeaningLexicon.parse(List.of("[insult]", "arschlöcher", "dummköpfe*"));
        assertThat(found(lexicon, "Arschloecher und Arschlöcher")).hasSize(2);
        assertThat(found(lexicon, "Ihr seid wirklich Dummkoepfe"))
                .contains("INSULT: Dummkoepfe", "ADDRESSED: Ihr seid wirklich Dummkoepfe");
        assertThat(found(lexicon, "Die Dummköpfe der Geschichte")).containsExactly("INSULT: Dummköpfe");
    }

    @Test
    void theShippedWordListLoadsAndRefusesEntriesOutsideASection() {
        assertThat(DemeaningLexicon.load().size()).isGreaterThan(250);
        assertThatThrownBy(() -> DemeaningLexicon.parse(List.of("idiot"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> DemeaningLexicon.parse(List.of("[erfunden]", "x"))).isInstanceOf(IllegalArgumentException.class);
    }
}
