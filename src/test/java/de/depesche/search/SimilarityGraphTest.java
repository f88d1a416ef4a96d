package de.depesche.search;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The similar-articles graph on hand-made links: what the walk ranks, what changes do to it. */
class SimilarityGraphTest {

    private static SimilarityGraph.Link link(long id, double similarity) {
        return new SimilarityGraph.Link(id, (float) similarity);
    }

    private static List<Long> near(SimilarityGraph g, long id) {
        return g.near(id, 10, x -> true).stream().map(SimilarityGraph.Reached::articleId).toList();
    }

    /**
     * Two topics: 1–4 (defence) hang closely together, 5–7 (football) too. Article 1 shares one
     * prominent name with football article 5 (a strong single link), but its topic neighbours are linked
     * with each other as well: the walk ranks them ahead of the lone link.
     */
    private static SimilarityGraph twoTopics() {
        SimilarityGraph g = new SimilarityGraph();
        g.put(1, List.of(link(5, 0.42), link(2, 0.40), link(3, 0.38), link(4, 0.36)));
        g.put(2, List.of(link(3, 0.5), link(4, 0.5), link(1, 0.40)));
        g.put(3, List.of(link(4, 0.5), link(2, 0.5), link(1, 0.38)));
        g.put(4, List.of(link(2, 0.5), link(3, 0.5), link(1, 0.36)));
        g.put(5, List.of(link(6, 0.6), link(7, 0.6), link(1, 0.42)));
        g.put(6, List.of(link(5, 0.6), link(7, 0.6)));
        g.put(7, List.of(link(5, 0.6), link(6, 0.6)));
        return g;
    }

    @Test
    void theWalkPutsTheTopicAheadOfASingleSharedName() {
        SimilarityGraph g = twoTopics();
        List<Long> near = near(g, 1);
        assertThat(near).doesNotContain(1L);
        assertThat(near.subList(0, 3)).containsExactlyInAnyOrder(2L, 3L, 4L);
        // Only articles linked to it directly: 6 and 7 share nothing with 1 and are never offered.
        assertThat(near).containsExactly(near.get(0), near.get(1), near.get(2), 5L);
        SimilarityGraph.Reached five = g.near(1, 10, x -> true).getLast();
        assertThat(five.similarity()).isEqualTo(0.42f, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(g.near(99, 10, x -> true)).isEmpty();
        assertThat(g.near(1, 2, x -> true)).hasSize(2);
        assertThat(near(g, 6)).containsExactlyInAnyOrder(5L, 7L);
    }

    @Test
    void theFilterAndChangesAreHeeded() {
        SimilarityGraph g = twoTopics();
        assertThat(g.near(1, 10, id -> id != 3).stream().map(SimilarityGraph.Reached::articleId)).doesNotContain(3L);

        // Article 3 is withdrawn: gone as a node and as everybody's neighbour.
        g.remove(3);
        assertThat(g.contains(3)).isFalse();
        assertThat(near(g, 1)).doesNotContain(3L).contains(2L, 4L);
        assertThat(near(g, 3)).isEmpty();

        // Article 1 is rewritten about football: its old links go, the links others chose to it stay.
        g.put(1, List.of(link(6, 0.7), link(7, 0.6)));
        assertThat(near(g, 1).getFirst()).isIn(6L, 7L);
        assertThat(near(g, 1)).contains(2L, 4L, 5L); // 2, 4 and 5 chose 1 themselves
        assertThat(near(g, 6)).contains(1L);
        assertThat(g.size()).isEqualTo(6);
    }

    @Test
    void aSavedGraphReadsBackTheSameAndADamagedFileIsRefused(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        SimilarityGraph g = twoTopics();
        java.nio.file.Path file = dir.resolve(SimilarNeighbours.FILE);
        g.save(file);
        SimilarityGraph read = SimilarityGraph.load(file);
        assertThat(read.articles()).isEqualTo(g.articles());
        for (long id = 1; id <= 7; id++) {
            // The same articles (6 and 7 tie exactly; the walk's last digits depend on the order it visits links in).
            assertThat(near(read, id)).containsExactlyInAnyOrderElementsOf(near(g, id));
        }
        assertThat(near(read, 1)).isEqualTo(near(g, 1));

        java.nio.file.Files.write(file, java.util.Arrays.copyOf(java.nio.file.Files.readAllBytes(file), 40));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SimilarityGraph.load(file)).isInstanceOf(java.io.IOException.class);
        java.nio.file.Files.writeString(file, "kein Graph");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SimilarityGraph.load(file)).isInstanceOf(java.io.IOException.class);
    }

    @Test
    void anArticleWithoutLinksHasNoSimilarArticles() {
        SimilarityGraph g = new SimilarityGraph();
        g.put(1, List.of());
        g.put(2, List.of(link(2, 1.0), link(3, 0.0)));
        assertThat(near(g, 1)).isEmpty();
        assertThat(near(g, 2)).isEmpty();
    }
    /**
     * Walks reuse their working arrays (lent from a pool and cleared of what they touched): many walks at
     * once, and walks after articles came and went, give the same answers as fresh ones one at a time.
     */
    @Test
    void walksAtOnceAndAfterChangesAnswerAsFreshOnes() throws Exception {
        java.util.Random random = new java.util.Random(3);
        SimilarityGraph g = new SimilarityGraph();
        for (long id = 1; id <= 300; id++) {
            List<SimilarityGraph.Link> links = new java.util.ArrayList<>();
            for (int k = 0; k < 8; k++) {
                long other = 1 + (id + random.nextInt(40)) % 300;
                links.add(link(other, 0.1 + random.nextDouble() * 0.8));
            }
            g.put(id, links);
        }
        g.remove(17);
        g.put(17, List.of(link(18, 0.9), link(19, 0.8)));
        g.put(301, List.of(link(1, 0.7), link(2, 0.6)));
        java.util.Map<Long, List<SimilarityGraph.Reached>> alone = new java.util.HashMap<>();
        for (long id = 1; id <= 301; id++) {
            alone.put(id, g.near(id, 10, x -> true));
        }
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            List<java.util.concurrent.Future<Boolean>> same = new java.util.ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (long id = 1; id <= 301; id++) {
                    long asked = id;
                    same.add(pool.submit(() -> g.near(asked, 10, x -> true).equals(alone.get(asked))));
                }
            }
            for (var f : same) {
                assertThat(f.get()).isTrue();
            }
        }
        assertThat(alone.get(17L)).extracting(SimilarityGraph.Reached::articleId).contains(18L, 19L);
        assertThat(alone.get(301L)).extracting(SimilarityGraph.Reached::articleId).containsExactlyInAnyOrder(1L, 2L);
    }
}
