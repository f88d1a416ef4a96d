package de.depesche.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.IndexSearcher;

/**
 * Similar articles of one index state: computing them takes a few weighted searches, while the
 * answer changes only when the index does. Entries belong to the index version they were computed
 * on, so any change to the index (a new or withdrawn article) makes them unused; they also age out
 * so that the recency weighting moves on.
 */
final class SimilarCache {

    /** The index (its directory: a rebuilt index starts counting versions anew), its version, the question. */
    private record Key(Object index, long indexVersion, long graphVersion, long articleId, int limit) {}

    interface Computation {
        List<SimilarArticle> compute() throws IOException;
    }

    private final Cache<Key, List<SimilarArticle>> entries = Caffeine.newBuilder()
            .maximumSize(20_000)
            .expireAfterWrite(Duration.ofMinutes(10))
            .build();

    List<SimilarArticle> get(IndexSearcher searcher, long graphVersion, long articleId, int limit, Computation computation) {
        if (!(searcher.getIndexReader() instanceof DirectoryReader reader)) {
            return call(computation);
        }
        return entries.get(new Key(reader.directory(), reader.getVersion(), graphVersion, articleId, limit), k -> call(computation));
    }

    private static List<SimilarArticle> call(Computation computation) {
        try {
            return List.copyOf(computation.compute());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
