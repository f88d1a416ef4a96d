package de.depesche.search;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Similar articles on a small index, without the application around it. */
class LikenessTest {

    private final GermanAnalysis analysis = new GermanAnalysis();
    private LiveIndex index;

    @BeforeEach
    void open() throws Exception {
        Path dir = Files.createTempDirectory("depesche-likeness-");
        index = LiveIndex.open(dir, analysis);
    }

    @AfterEach
    void close() {
        index.close();
    }

    private void put(long id, String title, String body) {
        Instant t = Instant.parse("2025-01-01T00:00:00Z").plusSeconds(id * 3600);
        index.put(new IndexedArticle(id, title, "a-" + id, "", body, List.of(), List.of(), List.of(), "", t, t));
    }

    private List<Long> like(long id) {
        return index.read(s -> Likeness.like(s, LiveIndex.docOf(s, id), id, null, 5)).stream()
                .map(Likeness.Match::articleId).toList();
    }

    @Test
    void findsArticlesOnTheSameTopicFirstAndNeverItself() {
        put(1, "Quantenkryptografie für Behörden", "Quantenkryptografie schützt Glasfaserstrecken zwischen Rechenzentren.");
        put(2, "Satellitenschlüssel im Test", "Satellitenschlüssel und Quantenkryptografie sollen Behördennetze sichern.");
        put(3, "Glasfaserstrecken werden quantensicher", "Rechenzentren, Glasfaserstrecken und Quantenkryptografie.");
        put(4, "Bundesliga: Tabellenführer gewinnt", "Der Tabellenführer gewann das Spitzenspiel deutlich.");
        put(5, "Pokal: Spitzenspiel vertagt", "Das Spitzenspiel im Pokal wurde vertagt, der Tabellenführer wartet.");
        put(6, "Wetter: Sturm an der Küste", "Ein Sturm zieht über die Küste.");
        index.commit(Map.of());
        index.refresh();

        assertThat(like(1)).startsWith(3L).contains(2L).doesNotContain(1L, 4L, 5L, 6L);
        assertThat(like(4)).containsExactly(5L);
        List<Likeness.Match> matches = index.read(s -> Likeness.like(s, LiveIndex.docOf(s, 1), 1, null, 5));
        assertThat(matches).allMatch(m -> m.similarity() > 0 && m.similarity() <= 1);
    }
}
