package de.depesche.search;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The marked snippets of search hits, on a small index without the application around it: every kind
 * of query marks what it found, read from the word positions in the index (with the recency lead on,
 * which the highlighter does not know), and the hit's other fields come along.
 */
class SnippetTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private final GermanAnalysis analysis = new GermanAnalysis();
    private final SearchEngine engine = new SearchEngine(analysis,
            new SearchEngine.Settings(1.5f, Duration.ofDays(30).toMillis(), ZoneId.of("Europe/Berlin")));
    private LiveIndex index;

    @BeforeEach
    void open() throws Exception {
        Path dir = Files.createTempDirectory("depesche-snippets-");
        index = LiveIndex.open(dir, analysis);
        put(1, "Neue Sicherheitsgarantien für die Ukraine", "Die Regierung sagt weitere Hilfe zu.",
                "In Brüssel berieten die Minister lange. Am Ende standen Sicherheitsgarantien, die über das Jahr hinaus gelten. "
                        + "Der NATO-Verteidigungschef nannte das einen Anfang.\nKritiker sprechen von leeren Worten.");
        put(2, "Hochwasser an der Elbe", "Die Pegel steigen weiter.",
                "In Dresden wurden Sandsäcke verteilt. Die Feuerwehr rechnet mit dem Höchststand am Wochenende.");
        index.commit(java.util.Map.of());
        index.refresh();
    }

    @AfterEach
    void close() {
        index.close();
    }

    private void put(long id, String title, String lead, String body) {
        Instant t = NOW.minus(Duration.ofDays(id));
        index.put(new IndexedArticle(id, title, "artikel-" + id, lead, body, List.of("Politik"), List.of("politik"),
                List.of("Politik"), "Redaktion", t, t));
    }

    private SearchHit first(String text) {
        SearchResults results = index.read(s -> engine.search(s, SearchQuery.of(text), NOW));
        assertThat(results.hits()).as(text).isNotEmpty();
        return results.hits().getFirst();
    }

    @Test
    void aWordIsMarkedInTitleAndBody() {
        SearchHit hit = first("Sandsäcke");
        assertThat(hit.articleId()).isEqualTo(2);
        assertThat(hit.snippetHtml()).contains("<mark>Sandsäcke</mark>");
        assertThat(hit.slug()).isEqualTo("artikel-2");
        assertThat(hit.categories()).containsExactly("Politik");
        assertThat(hit.publishedAt()).isEqualTo(NOW.minus(Duration.ofDays(2)));
    }

    @Test
    void aPrefixMarksTheWholeWordsItFound() {
        SearchHit hit = first("Sicherheits*");
        assertThat(hit.titleHtml()).contains("<mark>Sicherheitsgarantien</mark>");
        assertThat(hit.snippetHtml()).contains("<mark>Sicherheitsgarantien</mark>");
    }

    @Test
    void aPhraseIsMarkedWhereItStandsAndAnExcludedWordIsNot() {
        SearchHit hit = first("\"leeren Worten\" -Hochwasser");
        assertThat(hit.articleId()).isEqualTo(1);
        assertThat(hit.snippetHtml()).contains("<mark>leeren Worten</mark>").doesNotContain("Hochwasser");
    }

    @Test
    void aPartOfACompoundFindsAndMarksTheCompound() {
        SearchHit hit = first("Garantie");
        assertThat(hit.articleId()).isEqualTo(1);
        assertThat(hit.titleHtml()).contains("<mark>Sicherheitsgarantien</mark>");
    }

    @Test
    void markupInTheTextIsEscapedAroundTheMarks() {
        index.put(new IndexedArticle(3, "Ein <script>-Test", "artikel-3", "", "Vor <b>Fettdruck</b> kommt Sandsäcke & mehr.",
                List.of(), List.of(), List.of(), "", NOW, NOW));
        index.refresh();
        SearchHit hit = index.read(s -> engine.search(s, SearchQuery.of("Fettdruck"), NOW)).hits().getFirst();
        assertThat(hit.snippetHtml()).contains("&lt;b&gt;<mark>Fettdruck</mark>&lt;").contains("&amp; mehr")
                .doesNotContain("<b>");
        assertThat(hit.titleHtml()).doesNotContain("<script>");
    }
}
