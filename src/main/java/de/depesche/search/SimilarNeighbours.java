package de.depesche.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.util.Bits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps the {@link SimilarityGraph} of this node's index: built in the background when the node starts
 * and whenever a rebuilt index takes over, then updated article by article as the index changes. Until
 * the first build is done, "similar articles" come from the direct comparison alone
 * ({@link #ready()} is false); an article that is not in the graph yet is answered the same way.
 *
 * <p>One background thread does all writes, so a build and the changes that arrive meanwhile never
 * race: changes wait in a queue and are applied to the new graph once it takes over.
 */
@Component
class SimilarNeighbours implements SmartLifecycle, IndexKeeper.Listener {

    private static final Logger log = LoggerFactory.getLogger(SimilarNeighbours.class);

    /** A build is repeated when the index has grown by this factor since: links made on a young site are thin. */
    private static final double REBUILD_GROWTH = 1.25;

    private final IndexKeeper index;
    private final int minArticles;
    private volatile int builtWith = -1;
    private final Object signal = new Object();
    private final Set<Long> pending = new LinkedHashSet<>();
    private final AtomicLong version = new AtomicLong();
    private boolean rebuildWanted;
    /** At start: read the graph the last run saved beside the index, if there is one. */
    private boolean loadWanted;
    /** The file the graph is saved in: inside the index's directory, so that it belongs to that index. */
    static final String FILE = "similar-graph.bin";
    private volatile SimilarityGraph graph = new SimilarityGraph();
    private volatile boolean ready;
    private volatile boolean readFromFile;
    private volatile boolean running;
    private Thread worker;

    SimilarNeighbours(IndexKeeper index, SearchProperties properties) {
        this.index = index;
        this.minArticles = Math.max(1, properties.similarGraphMinArticles());
    }

    /**
     * True once the graph holds every article the index had when it was last built, and enough of them
     * for the graph to be worth it ({@code depesche.search.similar-graph-min-articles}).
     */
    boolean ready() {
        return ready && graph.size() >= minArticles;
    }

    /** Changes whenever the graph does, for caches of answers computed from it. */
    long version() {
        return version.get();
    }

    SimilarityGraph graph() {
        return graph;
    }

    /** Whether the graph in use was read from the file saved by an earlier run (rather than built). */
    boolean readFromFile() {
        return readFromFile;
    }

    @Override
    public void changed(List<Long> articleIds) {
        synchronized (signal) {
            pending.addAll(articleIds);
            signal.notifyAll();
        }
    }

    @Override
    public void replaced() {
        synchronized (signal) {
            rebuildWanted = true;
            signal.notifyAll();
        }
    }

    @Override
    public void start() {
        running = true;
        index.listen(this);
        synchronized (signal) {
            loadWanted = true;
        }
        worker = Thread.ofPlatform().name("search-similar").daemon().start(this::work);
    }

    @Override
    public void stop() {
        running = false;
        index.listen(IndexKeeper.Listener.NONE);
        synchronized (signal) {
            signal.notifyAll();
        }
        // Not interrupted: an interrupt in the middle of reading index files can close them for everyone.
        Thread w = worker;
        if (w != null) {
            try {
                w.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (!w.isAlive() && ready) {
                save();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the index keeper (which opens the index), before the web server. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4000;
    }

    private void work() {
        while (running) {
            boolean rebuild;
            boolean load;
            List<Long> changes;
            synchronized (signal) {
                while (running && !rebuildWanted && !loadWanted && pending.isEmpty()) {
                    try {
                        signal.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                rebuild = rebuildWanted;
                rebuildWanted = false;
                load = loadWanted;
                loadWanted = false;
                changes = new ArrayList<>(pending);
                pending.clear();
            }
            try {
                if (load && !rebuild && !load()) {
                    rebuild = true;
                }
                if (rebuild) {
                    build();
                }
                update(changes);
                int articles = index.read(s -> s.getIndexReader().numDocs());
                if (builtWith >= 0 && articles > builtWith && articles >= REBUILD_GROWTH * builtWith) {
                    // The word statistics the links were made with have moved on: link everything anew.
                    synchronized (signal) {
                        rebuildWanted = true;
                    }
                }
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("Similar-articles graph could not follow the index; similar articles come from the direct comparison until it has: {}",
                            e.toString());
                    ready = false;
                    synchronized (signal) {
                        rebuildWanted = true;
                    }
                    sleepQuietly();
                }
            }
        }
    }

    /**
     * Reads the graph saved beside the current index and brings it in line with the index: articles
     * it lacks are linked, articles the index no longer holds are taken out. False when there is none
     * to read (or it cannot be read): then the graph is built.
     */
    private boolean load() {
        Path dir = index.currentPath();
        if (dir == null || !Files.exists(dir.resolve(FILE))) {
            return false;
        }
        long started = System.nanoTime();
        SimilarityGraph loaded;
        try {
            loaded = SimilarityGraph.load(dir.resolve(FILE));
        } catch (IOException | RuntimeException e) {
            log.warn("Similar-articles graph {} could not be read, it is built anew: {}", dir.resolve(FILE), e.toString());
            return false;
        }
        Set<Long> inGraph = loaded.articles();
        int[] changed = new int[2];
        int articles = index.read(s -> {
            Set<Long> inIndex = new java.util.HashSet<>();
            for (long[] article : articles(s)) {
                if (!running) {
                    break;
                }
                long id = article[1];
                inIndex.add(id);
                if (!inGraph.contains(id)) {
                    loaded.put(id, links(s, (int) article[0], id));
                    changed[0]++;
                }
            }
            for (long id : inGraph) {
                if (!inIndex.contains(id)) {
                    loaded.remove(id);
                    changed[1]++;
                }
            }
            return inIndex.size();
        });
        if (!running) {
            return true;
        }
        graph = loaded;
        ready = true;
        readFromFile = true;
        builtWith = articles;
        version.incrementAndGet();
        log.info("Similar-articles graph read from {}: {} articles, {} linked anew, {} taken out, in {} ms",
                dir.resolve(FILE), articles, changed[0], changed[1], (System.nanoTime() - started) / 1_000_000);
        return true;
    }

    /** Saves the graph beside the index it was built from; a failure costs only a longer next start. */
    private void save() {
        Path dir = index.currentPath();
        if (dir == null) {
            return;
        }
        try {
            graph.save(dir.resolve(FILE));
        } catch (IOException | RuntimeException e) {
            log.warn("Similar-articles graph could not be saved in {}; the next start builds it: {}", dir, e.toString());
        }
    }

    private void build() {
        long started = System.nanoTime();
        SimilarityGraph fresh = new SimilarityGraph();
        int articles = index.read(s -> build(s, fresh, BUILD_THREADS, () -> running));
        if (!running) {
            return;
        }
        graph = fresh;
        ready = true;
        readFromFile = false;
        builtWith = articles;
        version.incrementAndGet();
        log.info("Similar-articles graph built: {} articles in {} ms", articles, (System.nanoTime() - started) / 1_000_000);
        save();
    }

    /** Threads for a build: half the cores, so that a build never takes the whole machine from the readers. */
    static final int BUILD_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);

    /** Links every article of the index to its nearest neighbours; the number of articles linked. */
    static int build(IndexSearcher s, SimilarityGraph graph, int threads, BooleanSupplier go) throws IOException {
        List<long[]> all = articles(s);
        AtomicInteger next = new AtomicInteger();
        Callable<Void> linker = () -> {
            int i;
            while (go.getAsBoolean() && (i = next.getAndIncrement()) < all.size()) {
                long[] a = all.get(i);
                graph.put(a[1], links(s, (int) a[0], a[1]));
            }
            return null;
        };
        if (threads <= 1) {
            try {
                linker.call();
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        } else {
            try (ExecutorService pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("search-similar-build-", 0).daemon().factory())) {
                List<Future<Void>> parts = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    parts.add(pool.submit(linker));
                }
                for (Future<Void> part : parts) {
                    part.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while building the similar-articles graph", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
        return Math.min(next.get(), all.size());
    }

    private void update(List<Long> changes) {
        if (changes.isEmpty()) {
            return;
        }
        SimilarityGraph g = graph;
        index.read(s -> {
            for (long id : changes) {
                int doc = LiveIndex.docOf(s, id);
                if (doc < 0) {
                    g.remove(id);
                } else {
                    g.put(id, links(s, doc, id));
                }
            }
            return null;
        });
        version.incrementAndGet();
    }

    /** Every article the index holds: {document number, article id}. */
    private static List<long[]> articles(IndexSearcher s) throws IOException {
        List<long[]> all = new ArrayList<>();
        for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
            Bits live = leaf.reader().getLiveDocs();
            for (int d = 0; d < leaf.reader().maxDoc(); d++) {
                if (live == null || live.get(d)) {
                    int doc = leaf.docBase + d;
                    all.add(new long[] {doc, LiveIndex.number(s.getIndexReader(), doc, IndexedArticle.ID)});
                }
            }
        }
        return all;
    }

    static List<SimilarityGraph.Link> links(IndexSearcher s, int doc, long id) throws IOException {
        return Likeness.like(s, doc, id, null, SimilarityGraph.NEIGHBOURS, Likeness.GRAPH_FEEDBACK_DOCS).stream()
                .map(m -> new SimilarityGraph.Link(m.articleId(), (float) m.similarity()))
                .toList();
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
