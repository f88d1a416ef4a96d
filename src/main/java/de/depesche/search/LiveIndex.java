package de.depesche.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.jspecify.annotations.Nullable;

/**
 * One Lucene index in one directory, with its writer and near-real-time searchers. Readers acquire a
 * searcher and release it; writing never blocks them.
 */
final class LiveIndex implements AutoCloseable {

    static final String ANALYSIS_VERSION = "analysis.version";
    static final String HIGH_WATER_MARK = "changes.until";

    private final Path path;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;

    private LiveIndex(Path path, Directory directory, IndexWriter writer) throws IOException {
        this.path = path;
        this.directory = directory;
        this.writer = writer;
        this.searchers = new SearcherManager(writer, null);
    }

    /** Opens the index in this directory, or creates an empty one. */
    static LiveIndex open(Path path, GermanAnalysis analysis) {
        try {
            Directory directory = FSDirectory.open(path);
            IndexWriterConfig config = new IndexWriterConfig(analysis.indexAnalyzer())
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    .setRAMBufferSizeMB(64)
                    .setCommitOnClose(false);
            return new LiveIndex(path, directory, new IndexWriter(directory, config));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the search index in " + path, e);
        }
    }

    Path path() {
        return path;
    }

    /** What the last commit recorded (analysis version, high-water mark of the change feed). */
    Map<String, String> commitData() {
        Map<String, String> data = new HashMap<>();
        Iterable<Map.Entry<String, String>> live = writer.getLiveCommitData();
        if (live != null) {
            live.forEach(e -> data.put(e.getKey(), e.getValue()));
        }
        return data;
    }

    void put(IndexedArticle article) {
        try {
            writer.updateDocument(new Term(IndexedArticle.KEY, IndexedArticle.key(article.id())), article.toDocument());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void putAll(List<IndexedArticle> articles) {
        articles.forEach(this::put);
    }

    void remove(long articleId) {
        try {
            writer.deleteDocuments(new Term(IndexedArticle.KEY, IndexedArticle.key(articleId)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes every change so far visible to searches. */
    void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes changes durable, with the given commit data (merged into what was there). */
    void commit(Map<String, String> data) {
        Map<String, String> all = commitData();
        all.putAll(data);
        writer.setLiveCommitData(all.entrySet());
        try {
            writer.commit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean hasUncommittedChanges() {
        return writer.hasUncommittedChanges();
    }

    /** Runs a read against the current searcher. */
    <T> T read(SearchRead<T> read) {
        IndexSearcher searcher;
        try {
            searcher = searchers.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return read.apply(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                searchers.release(searcher);
            } catch (IOException e) {
                // Releasing only lowers a reference count; a failure here leaves nothing to repair.
            }
        }
    }

    interface SearchRead<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    /** The stored "last changed" time of an indexed article, or empty when it is not in the index. */
    Optional<Long> indexedUpdate(long articleId) {
        return read(s -> {
            TopDocs hits = s.search(new TermQuery(new Term(IndexedArticle.KEY, IndexedArticle.key(articleId))), 1);
            if (hits.scoreDocs.length == 0) {
                return Optional.empty();
            }
            Document d = s.storedFields().document(hits.scoreDocs[0].doc, java.util.Set.of(IndexedArticle.UPDATED));
            var f = d.getField(IndexedArticle.UPDATED);
            return Optional.of(f == null ? 0L : f.numericValue().longValue());
        });
    }

    /** The document number of an article in this searcher's view, or -1. A term lookup per segment, no search. */
    static int docOf(IndexSearcher searcher, long articleId) throws IOException {
        BytesRef key = new BytesRef(IndexedArticle.key(articleId));
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            Terms terms = leaf.reader().terms(IndexedArticle.KEY);
            if (terms == null) {
                continue;
            }
            TermsEnum te = terms.iterator();
            if (!te.seekExact(key)) {
                continue;
            }
            Bits live = leaf.reader().getLiveDocs();
            PostingsEnum postings = te.postings(null, PostingsEnum.NONE);
            for (int d = postings.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = postings.nextDoc()) {
                if (live == null || live.get(d)) {
                    return leaf.docBase + d;
                }
            }
        }
        return -1;
    }

    /**
     * A number field of a document ({@link IndexedArticle#ID}, {@link IndexedArticle#PUBLISHED}) from its
     * doc values: reading it from the stored fields would decompress the whole article.
     */
    static long number(IndexReader reader, int doc, String field) throws IOException {
        List<LeafReaderContext> leaves = reader.leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        SortedNumericDocValues values = DocValues.getSortedNumeric(leaf.reader(), field);
        if (values.advanceExact(doc - leaf.docBase)) {
            return values.nextValue();
        }
        var stored = reader.storedFields().document(doc, java.util.Set.of(field)).getField(field);
        if (stored == null) {
            throw new IllegalStateException("document " + doc + " has no " + field);
        }
        return stored.numericValue().longValue();
    }

    static @Nullable Document stored(StoredFields fields, int doc) throws IOException {
        return fields.document(doc);
    }

    int documents() {
        return read(s -> s.getIndexReader().numDocs());
    }

    long sizeInBytes() {
        try {
            long total = 0;
            for (String file : directory.listAll()) {
                try {
                    total += directory.fileLength(file);
                } catch (IOException e) {
                    // a file merged away while we counted
                }
            }
            return total;
        } catch (IOException e) {
            return 0;
        }
    }

    /** Whether a directory holds a committed index. */
    static boolean exists(Path path) {
        try (Directory d = FSDirectory.open(path)) {
            return DirectoryReader.indexExists(d);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            searchers.close();
            writer.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the search index in " + path, e);
        }
    }
}
