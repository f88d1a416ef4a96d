package de.depesche.search;

import java.time.Duration;

import de.depesche.article.Article;
import de.depesche.article.ArticleManagement;
import de.depesche.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Similar articles served from the similarity graph on a running site (the graph is switched on from
 * four articles here instead of 200): publishing links an article, withdrawing takes it out, and what
 * readers get under the article follows.
 */
@TestPropertySource(properties = "depesche.search.similar-graph-min-articles=4")
@DirtiesContext
class SimilarityGraphServingTest extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    ArticleManagement articles;

    @Autowired
    ArticleSearch search;

    @Autowired
    SimilarNeighbours neighbours;

    @Autowired
    IndexKeeper index;

    private Article publish(String title, String body) {
        return data.published(title, "BERLIN", body);
    }

    @Test
    void theGraphFollowsPublishingAndWithdrawal() {
        Article a = publish("Drohnenabwehr am Flughafen", "Radaranlagen erkennen Drohnen über dem Flughafen. Störsender helfen.");
        Article b = publish("Störsender gegen Drohnen", "Die Bundespolizei testet Störsender gegen Drohnen über dem Flughafen.");
        Article c = publish("Radaranlagen für Flughäfen", "Neue Radaranlagen sollen Drohnen früher erkennen; Störsender bleiben.");
        Article d = publish("Abfangdrohnen im Versuch", "Abfangdrohnen jagen fremde Drohnen, Radaranlagen weisen ihnen den Weg.");
        Article football = publish("Pokal: Spitzenspiel vertagt", "Das Spitzenspiel im Pokal wurde vertagt, der Tabellenführer wartet.");
        Article league = publish("Bundesliga: Tabellenführer gewinnt", "Der Tabellenführer gewann das Spitzenspiel im Regen deutlich.");

        // Linked in the graph (rebuilt as the young site grows) and served from it.
        await().atMost(WAIT).until(() -> neighbours.ready() && neighbours.graph().near(a.id(), 5, id -> true).stream()
                .map(SimilarityGraph.Reached::articleId).toList().containsAll(java.util.List.of(b.id(), c.id())));
        assertThat(search.findSimilar(a.id(), 5)).extracting(SimilarArticle::articleId)
                .contains(b.id(), c.id()).doesNotContain(a.id(), football.id(), league.id());
        // The last article published may still be on its way into the graph: asked until it is there.
        await().atMost(WAIT).untilAsserted(() -> assertThat(search.findSimilar(football.id(), 5))
                .extracting(SimilarArticle::articleId).containsExactly(league.id()));
        assertThat(search.findSimilar(a.id(), 5)).allSatisfy(s -> assertThat(s.score()).isBetween(0.01, 1.0));
        // Saved beside the index, so that a restart reads it instead of linking every article again.
        assertThat(index.currentPath().resolve(SimilarNeighbours.FILE)).exists();

        articles.unpublish(b.id(), data.admin());
        await().atMost(WAIT).until(() -> !neighbours.graph().contains(b.id()));
        assertThat(search.findSimilar(a.id(), 5)).extracting(SimilarArticle::articleId)
                .contains(c.id()).doesNotContain(b.id());
        assertThat(search.findSimilar(b.id(), 5)).isEmpty();
        assertThat(neighbours.graph().contains(d.id())).isTrue();
    }
}
