package de.depesche.search;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import de.depesche.account.AccountManagement;
import de.depesche.article.Article;
import de.depesche.article.ArticleManagement;
import de.depesche.site.SiteChanges;
import de.depesche.site.SiteProperties;
import de.depesche.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.TaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A second node: its own index directory, no events (they reach only the node that made the change),
 * so it must build its index from the database and follow the change feed.
 */
class IndexKeeperTest extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired GermanAnalysis analysis;
    @Autowired ArticleManagement articles;
    @Autowired AccountManagement accounts;
    @Autowired SiteChanges siteChanges;
    @Autowired TaskScheduler scheduler;
    @Autowired SiteProperties site;
    @Autowired Clock clock;

    private IndexKeeper node(Path dataDir) {
        SiteProperties other = new SiteProperties(dataDir, site.baseUrl(), site.timeZone(), site.pageCache());
        SearchProperties fast = new SearchProperties(Duration.ofMillis(200), Duration.ofMinutes(2), Duration.ofMillis(500),
                1.5f, Duration.ofDays(30), Duration.ofDays(180), false, 200);
        return new IndexKeeper(analysis, articles, accounts, siteChanges, scheduler, fast, other, clock);
    }

    private static boolean holds(IndexKeeper node, long articleId) {
        return node.read(s -> LiveIndex.docOf(s, articleId) >= 0);
    }

    @Test
    void anotherNodeBuildsItsIndexFromTheDatabaseAndFollowsTheChangeFeed() throws Exception {
        Article before = data.published(unique("Vor dem Start des zweiten Knotens"));
        Path dir = Files.createTempDirectory("depesche-node-b-");
        IndexKeeper b = node(dir);
        b.start();
        try {
            await().atMost(WAIT).until(() -> b.progress().state() == RebuildProgress.State.DONE);
            assertThat(holds(b, before.id())).isTrue();
            assertThat(b.stats().analysisCurrent()).isTrue();

            Article later = data.published(unique("Auf dem ersten Knoten veröffentlicht"));
            await().atMost(WAIT).until(() -> holds(b, later.id()));
            articles.unpublish(before.id(), data.admin());
            await().atMost(WAIT).until(() -> !holds(b, before.id()));
        } finally {
            b.stop();
        }

        // Restarted, it opens its index as it was and rebuilds nothing.
        Article whileDown = data.published(unique("Während der Knoten stand"));
        IndexKeeper again = node(dir);
        again.start();
        try {
            assertThat(again.progress().state()).isEqualTo(RebuildProgress.State.IDLE);
            await().atMost(WAIT).until(() -> holds(again, whileDown.id()));
            assertThat(holds(again, before.id())).isFalse();
        } finally {
            again.stop();
        }
    }

    @Test
    void theSimilarityGraphIsSavedAndReadBackAtRestartWithWhatChangedMeanwhile() throws Exception {
        Article kept = data.published(unique("Graph vor dem Neustart"));
        Path dir = Files.createTempDirectory("depesche-node-g-");
        IndexKeeper g = node(dir);
        g.start();
        SimilarNeighbours graph = new SimilarNeighbours(g, fast(1));
        Path saved;
        try {
            await().atMost(WAIT).until(() -> g.progress().state() == RebuildProgress.State.DONE);
            graph.start();
            await().atMost(WAIT).until(() -> graph.ready() && graph.graph().contains(kept.id()));
        } finally {
            graph.stop();
            saved = g.currentPath().resolve(SimilarNeighbours.FILE);
            g.stop();
        }
        assertThat(saved).exists();

        Article whileDown = data.published(unique("Graph während des Stillstands"));
        articles.unpublish(kept.id(), data.admin());
        // Restarted: the saved graph is read (no build), then what the index now holds is brought in.
        IndexKeeper again = node(dir);
        again.start();
        SimilarNeighbours reread = new SimilarNeighbours(again, fast(1));
        try {
            await().atMost(WAIT).until(() -> holds(again, whileDown.id()) && !holds(again, kept.id()));
            reread.start();
            await().atMost(WAIT).until(() -> reread.ready() && reread.graph().contains(whileDown.id())
                    && !reread.graph().contains(kept.id()));
            assertThat(reread.readFromFile()).isTrue();
            assertThat(graph.readFromFile()).isFalse();
        } finally {
            reread.stop();
            again.stop();
        }
    }

    private static SearchProperties fast(int graphMinArticles) {
        return new SearchProperties(Duration.ofMillis(200), Duration.ofMinutes(2), Duration.ofMillis(500),
                1.5f, Duration.ofDays(30), Duration.ofDays(180), false, graphMinArticles);
    }

    @Test
    void anIndexFromAnOlderAnalysisIsRebuiltWhileTheOldOneKeepsAnswering() throws Exception {
        Article a = data.published(unique("Analyseversion"));
        Path dir = Files.createTempDirectory("depesche-node-c-");
        IndexKeeper c = node(dir);
        c.start();
        await().atMost(WAIT).until(() -> c.progress().state() == RebuildProgress.State.DONE);
        c.stop();
        String first = Files.readString(dir.resolve("index").resolve(IndexKeeper.POINTER));
        try (LiveIndex index = LiveIndex.open(dir.resolve("index").resolve(first), analysis)) {
            index.commit(Map.of(LiveIndex.ANALYSIS_VERSION, "de-0"));
        }

        IndexKeeper restarted = node(dir);
        restarted.start();
        try {
            assertThat(holds(restarted, a.id())).isTrue();
            await().atMost(WAIT).until(() -> restarted.progress().state() == RebuildProgress.State.DONE);
            assertThat(restarted.stats().analysisCurrent()).isTrue();
            assertThat(Files.readString(dir.resolve("index").resolve(IndexKeeper.POINTER))).isNotEqualTo(first);
            assertThat(holds(restarted, a.id())).isTrue();
        } finally {
            restarted.stop();
        }
    }

    @Test
    void aMissingIndexIsRebuiltAndARunningRebuildIsNotStartedTwice() throws Exception {
        Path dir = Files.createTempDirectory("depesche-node-d-");
        IndexKeeper d = node(dir);
        d.start();
        try {
            assertThat(d.progress().reason()).isEqualTo("there was no index");
            await().atMost(WAIT).until(() -> !d.progress().running());
            assertThat(d.rebuild("first")).isTrue();
            // The flag is taken before the work is handed over: a second call right after is refused.
            assertThat(d.rebuild("second")).isFalse();
            assertThat(d.progress().reason()).isEqualTo("first");
            await().atMost(WAIT).until(() -> d.progress().state() == RebuildProgress.State.DONE);
            assertThat(d.stats().documents()).isEqualTo((int) articles.publishedCount());
        } finally {
            d.stop();
        }
    }
}
