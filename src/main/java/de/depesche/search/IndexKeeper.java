package de.depesche.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import de.depesche.account.AccountManagement;
import de.depesche.account.StaffMember;
import de.depesche.article.Article;
import de.depesche.article.ArticleChange;
import de.depesche.article.ArticleManagement;
import de.depesche.article.ArticleStatus;
import de.depesche.site.SiteChanges;
import de.depesche.site.SiteProperties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Keeps this node's search index under {@code <dataDir>/index} current. The index is derived data:
 * events of this node and a change feed read from the database (for changes made on other nodes or
 * while this node was down) update it; the high-water mark of that feed and the analysis version are
 * stored with each Lucene commit. A missing index, or one written by an older analysis chain, is
 * rebuilt in the background into a new directory; the old one answers searches until the new one
 * takes over in one step.
 */
@Component
class IndexKeeper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IndexKeeper.class);
    static final String POINTER = "CURRENT";
    private static final int BATCH = 200;

    private final Path root;
    private final GermanAnalysis analysis;
    private final ArticleManagement articles;
    private final AccountManagement accounts;
    private final SiteChanges siteChanges;
    private final TaskScheduler scheduler;
    private final SearchProperties properties;
    private final Clock clock;

    /** Serialises every write to the index and the swap after a rebuild. */
    private final Object writes = new Object();
    private final AtomicReference<RebuildProgress> progress = new AtomicReference<>(RebuildProgress.idle());
    private final AtomicBoolean rebuilding = new AtomicBoolean();
    private final AtomicLong generation = new AtomicLong();
    private volatile @Nullable LiveIndex current;
    private volatile Instant changesUntil = Instant.EPOCH;
    private volatile boolean stopping;
    private @Nullable ExecutorService rebuilds;
    private final List<ScheduledFuture<?>> tasks = new ArrayList<>();
    private volatile Listener listener = Listener.NONE;

    /** Told after the searchable index changed: single articles, or the whole index after a rebuild. */
    interface Listener {
        Listener NONE = new Listener() {
            @Override
            public void changed(List<Long> articleIds) {}

            @Override
            public void replaced() {}
        };

        /** These articles were indexed anew or taken out; the change is visible to reads. */
        void changed(List<Long> articleIds);

        /** A rebuilt index took over. */
        void replaced();
    }

    void listen(Listener listener) {
        this.listener = listener;
    }

    IndexKeeper(GermanAnalysis analysis, ArticleManagement articles, AccountManagement accounts, SiteChanges siteChanges,
                TaskScheduler scheduler, SearchProperties properties, SiteProperties site, Clock clock) {
        this.root = site.dataDir().resolve("index");
        this.analysis = analysis;
        this.articles = articles;
        this.accounts = accounts;
        this.siteChanges = siteChanges;
        this.scheduler = scheduler;
        this.properties = properties;
        this.clock = clock;
    }

    // --- life cycle --------------------------------------------------------------------------------

    @Override
    public void start() {
        stopping = false;
        rebuilds = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "search-rebuild");
            t.setDaemon(true);
            return t;
        });
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the search index directory " + root, e);
        }
        Optional<String> named = pointer();
        String reason = null;
        if (named.isPresent() && LiveIndex.exists(root.resolve(named.get()))) {
            LiveIndex index = LiveIndex.open(root.resolve(named.get()), analysis);
            current = index;
            Map<String, String> data = index.commitData();
            changesUntil = parse(data.get(LiveIndex.HIGH_WATER_MARK));
            if (!GermanAnalysis.VERSION.equals(data.get(LiveIndex.ANALYSIS_VERSION))) {
                reason = "the analysis changed (" + data.get(LiveIndex.ANALYSIS_VERSION) + " → " + GermanAnalysis.VERSION + ")";
            }
            log.info("Search index {} opened: {} articles, changes until {}", index.path(), index.documents(), changesUntil);
        } else {
            // Nothing to serve yet: an empty index answers (with no hits) until the rebuild is done.
            LiveIndex index = LiveIndex.open(newDirectory(), analysis);
            index.commit(Map.of(LiveIndex.ANALYSIS_VERSION, GermanAnalysis.VERSION,
                    LiveIndex.HIGH_WATER_MARK, Instant.EPOCH.toString()));
            writePointer(index.path());
            current = index;
            reason = "there was no index";
        }
        removeStaleDirectories();
        if (reason != null || properties.rebuild()) {
            rebuild(reason != null ? reason : "requested at start-up");
        }
        tasks.add(scheduler.scheduleWithFixedDelay(this::catchUpQuietly, properties.catchUpInterval()));
        tasks.add(scheduler.scheduleWithFixedDelay(this::commitQuietly, properties.commitInterval()));
    }

    @Override
    public void stop() {
        stopping = true;
        tasks.forEach(t -> t.cancel(false));
        tasks.clear();
        ExecutorService r = rebuilds;
        if (r != null) {
            r.shutdownNow();
            try {
                r.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (writes) {
            LiveIndex index = current;
            if (index != null) {
                try {
                    index.commit(Map.of(LiveIndex.HIGH_WATER_MARK, changesUntil.toString()));
                } finally {
                    index.close();
                    current = null;
                }
            }
        }
    }

    @Override
    public boolean isRunning() {
        return current != null;
    }

    /** Start before the web server takes requests, stop after it has stopped taking them. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    // --- reading -----------------------------------------------------------------------------------

    <T> T read(LiveIndex.SearchRead<T> read) {
        LiveIndex index = current;
        if (index == null) {
            throw new IllegalStateException("the search index is not open");
        }
        return index.read(read);
    }

    /** The directory of the index that serves now, or null before it is open. */
    @Nullable Path currentPath() {
        LiveIndex index = current;
        return index == null ? null : index.path();
    }

    RebuildProgress progress() {
        return progress.get();
    }

    IndexStats stats() {
        LiveIndex index = current;
        if (index == null) {
            return new IndexStats(0, 0, root.toString(), null, false, null);
        }
        String version = index.commitData().get(LiveIndex.ANALYSIS_VERSION);
        return new IndexStats(index.documents(), index.sizeInBytes(), index.path().toString(), version,
                GermanAnalysis.VERSION.equals(version), changesUntil.equals(Instant.EPOCH) ? null : changesUntil);
    }

    // --- keeping current ---------------------------------------------------------------------------

    /** Brings one article in line with the database: indexed when published, gone otherwise. */
    void apply(long articleId) {
        apply(articleId, false);
    }

    /**
     * Makes a published article searchable on this node now, for a caller that found it missing. When
     * the index's own update for it is under way (the same event reached {@link IndexUpdates}), this
     * waits for that instead of analysing the article a second time.
     */
    void ensureIndexed(long articleId) {
        apply(articleId, true);
    }

    /** @param onlyIfMissing leave the article alone when the index holds it already */
    private void apply(long articleId, boolean onlyIfMissing) {
        synchronized (writes) {
            LiveIndex index = current;
            if (index == null || (onlyIfMissing && index.read(s -> LiveIndex.docOf(s, articleId)) >= 0)) {
                return;
            }
            applyTo(index, articleId);
            index.refresh();
        }
        siteChanges.evictLocally("list");
        listener.changed(List.of(articleId));
    }

    private void applyTo(LiveIndex index, long articleId) {
        Optional<Article> article = articles.find(articleId).filter(Article::isPublished);
        if (article.isPresent()) {
            index.put(IndexedArticle.of(article.get(), authorName(article.get().authorId())));
        } else {
            index.remove(articleId);
        }
    }

    void catchUpQuietly() {
        try {
            catchUp();
        } catch (RuntimeException e) {
            log.warn("Search index could not follow the article changes; it tries again shortly: {}", e.toString());
        }
    }

    /** Reads what changed since the high-water mark (other nodes, missed events) and applies it. */
    void catchUp() {
        List<Long> changed;
        synchronized (writes) {
            LiveIndex index = current;
            if (index == null) {
                return;
            }
            CatchUp result = catchUp(index, changesUntil);
            changesUntil = result.until();
            changed = result.applied();
        }
        if (!changed.isEmpty()) {
            siteChanges.evictLocally("list");
            listener.changed(changed);
        }
    }

    private record CatchUp(Instant until, List<Long> applied) {}

    private CatchUp catchUp(LiveIndex index, Instant from) {
        Instant since = from.minus(properties.catchUpOverlap());
        long afterId = 0;
        Instant until = from;
        List<Long> applied = new ArrayList<>();
        while (true) {
            List<ArticleChange> batch = articles.changedSince(since, afterId, 500);
            for (ArticleChange change : batch) {
                Optional<Long> indexed = index.indexedUpdate(change.articleId());
                boolean published = change.status() == ArticleStatus.PUBLISHED;
                if (published ? indexed.isEmpty() || indexed.get() != change.updatedAt().toEpochMilli() : indexed.isPresent()) {
                    applyTo(index, change.articleId());
                    applied.add(change.articleId());
                }
                if (change.updatedAt().isAfter(until)) {
                    until = change.updatedAt();
                }
            }
            if (batch.size() < 500) {
                break;
            }
            since = batch.getLast().updatedAt();
            afterId = batch.getLast().articleId();
        }
        if (!applied.isEmpty()) {
            index.refresh();
        }
        return new CatchUp(until, applied);
    }

    void commitQuietly() {
        try {
            synchronized (writes) {
                LiveIndex index = current;
                if (index != null) {
                    index.commit(Map.of(LiveIndex.HIGH_WATER_MARK, changesUntil.toString()));
                }
            }
        } catch (RuntimeException e) {
            log.warn("Search index commit failed; the change feed repairs what is lost: {}", e.toString());
        }
    }

    // --- rebuilding --------------------------------------------------------------------------------

    /** Starts a rebuild in the background; false when one is already running. */
    boolean rebuild(String reason) {
        ExecutorService r = rebuilds;
        if (r == null || stopping || !rebuilding.compareAndSet(false, true)) {
            return false;
        }
        Instant started = clock.instant();
        progress.set(new RebuildProgress(RebuildProgress.State.RUNNING, 0, 0, started, null, reason, null));
        log.info("Search index rebuild started: {}", reason);
        r.submit(() -> {
            try {
                rebuildNow(started, reason);
            } catch (RuntimeException | Error e) {
                if (!stopping) {
                    log.error("Search index rebuild failed; the previous index keeps serving", e);
                }
                RebuildProgress p = progress.get();
                progress.set(new RebuildProgress(RebuildProgress.State.FAILED, p.done(), p.total(), started,
                        clock.instant(), reason, e.toString()));
            } finally {
                rebuilding.set(false);
            }
        });
        return true;
    }

    private void rebuildNow(Instant started, String reason) {
        long total = articles.publishedCount();
        LiveIndex fresh = LiveIndex.open(newDirectory(), analysis);
        boolean swapped = false;
        try {
            long afterId = 0;
            long done = 0;
            int lastLogged = 0;
            progress.set(new RebuildProgress(RebuildProgress.State.RUNNING, 0, total, started, null, reason, null));
            while (!stopping) {
                List<Article> batch = articles.publishedBatch(afterId, BATCH);
                if (batch.isEmpty()) {
                    break;
                }
                Map<Long, StaffMember> authors = accounts.findAll(batch.stream().map(Article::authorId).distinct().toList());
                for (Article a : batch) {
                    StaffMember author = authors.get(a.authorId());
                    fresh.put(IndexedArticle.of(a, author == null ? "" : author.displayName()));
                }
                done += batch.size();
                afterId = batch.getLast().id();
                long shownTotal = Math.max(total, done);
                progress.set(new RebuildProgress(RebuildProgress.State.RUNNING, done, shownTotal, started, null, reason, null));
                int percent = (int) (done * 100 / shownTotal);
                if (percent >= lastLogged + 10) {
                    lastLogged = percent - percent % 10;
                    log.info("Search index rebuild: {} of {} articles ({} %)", done, shownTotal, percent);
                }
            }
            if (stopping) {
                throw new IllegalStateException("stopped before the rebuild was done");
            }
            synchronized (writes) {
                // What changed while we read (events went to the old index) is taken in now, under the lock.
                CatchUp caught = catchUp(fresh, started);
                fresh.commit(Map.of(LiveIndex.ANALYSIS_VERSION, GermanAnalysis.VERSION,
                        LiveIndex.HIGH_WATER_MARK, caught.until().toString()));
                fresh.refresh();
                writePointer(fresh.path());
                LiveIndex old = current;
                current = fresh;
                changesUntil = caught.until();
                swapped = true;
                if (old != null) {
                    // Searches that still hold the old searcher finish first; then its files go.
                    scheduler.schedule(() -> retire(old), clock.instant().plusSeconds(30));
                }
            }
            siteChanges.evictLocally("list");
            listener.replaced();
            progress.set(new RebuildProgress(RebuildProgress.State.DONE, done, Math.max(total, done), started,
                    clock.instant(), reason, null));
            log.info("Search index rebuild done: {} articles in {}", done, fresh.path());
        } finally {
            if (!swapped) {
                fresh.close();
                delete(fresh.path());
            }
        }
    }

    private void retire(LiveIndex old) {
        try {
            old.close();
        } catch (RuntimeException e) {
            log.debug("Closing a retired search index: {}", e.toString());
        }
        delete(old.path());
    }

    // --- directories -------------------------------------------------------------------------------

    private Path newDirectory() {
        long n = Math.max(clock.millis(), generation.get() + 1);
        generation.set(n);
        return root.resolve("gen-" + n);
    }

    private Optional<String> pointer() {
        Path file = root.resolve(POINTER);
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip()).filter(s -> s.startsWith("gen-"))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Names the directory in use; written to a temporary file and moved, so it is never half-written. */
    private void writePointer(Path directory) {
        try {
            Path tmp = root.resolve(POINTER + ".tmp");
            Files.writeString(tmp, directory.getFileName().toString(), StandardCharsets.UTF_8);
            Files.move(tmp, root.resolve(POINTER), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot switch the search index to " + directory, e);
        }
    }

    private void removeStaleDirectories() {
        LiveIndex index = current;
        try (Stream<Path> dirs = Files.list(root)) {
            dirs.filter(Files::isDirectory)
                    .filter(d -> d.getFileName().toString().startsWith("gen-"))
                    .filter(d -> index == null || !d.equals(index.path()))
                    .forEach(IndexKeeper::delete);
        } catch (IOException e) {
            log.warn("Could not clean up old search index directories in {}: {}", root, e.toString());
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // removed at the next start
                }
            });
        } catch (IOException e) {
            // removed at the next start
        }
    }

    private String authorName(long authorId) {
        return accounts.find(authorId).map(StaffMember::displayName).orElse("");
    }

    private static Instant parse(@Nullable String instant) {
        if (instant == null) {
            return Instant.EPOCH;
        }
        try {
            return Instant.parse(instant);
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }
}
