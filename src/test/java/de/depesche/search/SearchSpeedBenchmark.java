package de.depesche.search;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Indexing throughput and search latency on 100 000 articles made by recombining the paragraphs of
 * the 10kGNAD articles, through the same code as the site (analysis, query building, highlighting,
 * similar-article ranking; without HTTP and templates). Run with {@code bench/search-speed.sh}.
 */
public final class SearchSpeedBenchmark {

    static final double SEARCH_P95_TARGET_MS = 15;
    static final double SIMILAR_P95_TARGET_MS = 10;

    public static void main(String[] args) throws Exception {
        Path file = args.length > 0 ? Path.of(args[0]) : GnadArticles.DEFAULT;
        int requested = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int measured = args.length > 2 ? Integer.parseInt(args[2]) : 4_000;
        List<GnadArticles.Labelled> source = GnadArticles.load(file).articles();
        Random random = new Random(42);
        Corpus corpus = Corpus.of(source);

        GermanAnalysis analysis = new GermanAnalysis();
        // -Dbench.index=DIR keeps the index there and reuses it on the next run (for profiling the
        // searches without waiting for the indexing again); -Dbench.only=search skips the graph.
        String keep = System.getProperty("bench.index");
        Path dir = keep == null ? Files.createTempDirectory("depesche-bench-speed-") : Path.of(keep);
        boolean reuse = keep != null && LiveIndex.exists(dir);
        LiveIndex index = LiveIndex.open(dir, analysis);
        Instant newest = Instant.parse("2026-01-01T00:00:00Z");
        int threads = Runtime.getRuntime().availableProcessors();
        if (reuse) {
            System.out.printf(Locale.ROOT, "reused the index in %s: %d articles%n", dir, index.documents());
        } else {
            long start = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> writers = new ArrayList<>();
            int total = requested;
            for (int t = 0; t < threads; t++) {
                long seed = 1000 + t;
                writers.add(pool.submit(() -> {
                    Random r = new Random(seed);
                    int i;
                    while ((i = next.getAndIncrement()) < total) {
                        index.put(corpus.article(i, r, newest));
                    }
                }));
            }
            for (Future<?> w : writers) {
                w.get();
            }
            index.commit(Map.of());
            index.refresh();
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            System.out.printf(Locale.ROOT, "indexed %d articles in %.1f s with %d threads: %.0f articles/s (index %.0f MB)%n",
                    requested, seconds, threads, requested / seconds, index.sizeInBytes() / 1048576.0);
        }
        int count = index.documents();
        boolean searchOnly = "search".equals(System.getProperty("bench.only"));

        SearchEngine engine = new SearchEngine(analysis, new SearchEngine.Settings(1.5f, Duration.ofDays(30).toMillis(),
                ZoneId.of("Europe/Berlin")));
        List<SearchQuery> queries = corpus.queries(random, 2_000);
        Instant now = newest;
        IntFunction<Object> searchOne = i -> index.read(s -> engine.search(s, queries.get(i % queries.size()), now));
        long halfLife = Duration.ofDays(180).toMillis();
        IntFunction<Object> directOne = i -> index.read(s -> ArticleSearch.similar(s, (i * 7919L) % count, 5,
                now.toEpochMilli(), halfLife));

        // The similar-articles graph, as a node builds it at start-up (here with every core, to save time);
        // read back from the kept index's directory when it was saved there before.
        Path graphFile = dir.resolve("similar-graph.bin");
        SimilarityGraph graph;
        if (searchOnly) {
            graph = new SimilarityGraph();
        } else if (reuse && Files.exists(graphFile)) {
            graph = SimilarityGraph.load(graphFile);
            System.out.printf(Locale.ROOT, "similar-articles graph read back from %s: %d articles%n", graphFile, graph.size());
        } else {
            graph = new SimilarityGraph();
            long graphStart = System.nanoTime();
            int linked = index.read(s -> SimilarNeighbours.build(s, graph, threads, () -> true));
            double graphSeconds = (System.nanoTime() - graphStart) / 1e9;
            System.out.printf(Locale.ROOT, "similar-articles graph: %d articles linked in %.1f s with %d threads: %.0f articles/s%n",
                    linked, graphSeconds, threads, linked / graphSeconds);
            if (keep != null) {
                graph.save(graphFile);
            }
        }
        IntFunction<Object> similarOne = i -> index.read(s -> ArticleSearch.similar(s, graph, (i * 7919L) % count, 5,
                now.toEpochMilli(), halfLife));

        run("warm-up", searchOne, 1, measured / 2);
        if (!searchOnly) {
            run("warm-up", similarOne, 1, measured / 4);
            run("warm-up", directOne, 1, measured / 8);
        }
        String[] kinds = {"one word", "one word", "two words", "phrase", "word -word", "prefix*", "compound part", "two words"};
        for (int kind = 0; kind < 8; kind += kind == 0 ? 2 : 1) {
            int k = kind;
            Latency l = run("search", i -> searchOne.apply((i / 2) * 8 + k), 1, measured / 8);
            System.out.printf(Locale.ROOT, "  search kind %-14s 1 client: p50 %.2f ms, p95 %.2f ms%n", kinds[k], l.p50(), l.p95());
        }
        for (int clients : new int[] {1, 8}) {
            Latency l = run("search", searchOne, clients, measured);
            System.out.printf(Locale.ROOT, "search,  %d client(s): p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, %.0f queries/s%s%n",
                    clients, l.p50(), l.p95(), l.p99(), l.throughput(),
                    clients == 8 ? String.format(Locale.ROOT, "  (p95 / target %.0f ms = %.2f)", SEARCH_P95_TARGET_MS, l.p95() / SEARCH_P95_TARGET_MS) : "");
        }
        if (searchOnly) {
            index.close();
            return;
        }
        for (int clients : new int[] {1, 8}) {
            Latency l = run("similar", similarOne, clients, measured);
            System.out.printf(Locale.ROOT, "similar from the graph (no cache), %d client(s): p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, %.0f lookups/s  (p95 / target %.0f ms = %.2f)%n",
                    clients, l.p50(), l.p95(), l.p99(), l.throughput(), SIMILAR_P95_TARGET_MS, l.p95() / SIMILAR_P95_TARGET_MS);
        }
        Latency direct = run("similar direct", directOne, 1, measured / 4);
        System.out.printf(Locale.ROOT, "similar by direct comparison (while the graph is built; no cache), 1 client: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms%n",
                direct.p50(), direct.p95(), direct.p99());
        // As the site serves them: cached per index version; 80 % of the requests go to the 1 000 newest articles.
        Random pick = new Random(7);
        long[] asked = new long[measured];
        for (int i = 0; i < measured; i++) {
            asked[i] = pick.nextDouble() < 0.8 ? count - 1 - pick.nextInt(1_000) : pick.nextInt(count);
        }
        for (int clients : new int[] {1, 8}) {
            SimilarCache cache = new SimilarCache();
            IntFunction<Object> servedOne = i -> index.read(s -> cache.get(s, 0, asked[i], 5, () -> ArticleSearch.similar(s,
                    graph, asked[i], 5, now.toEpochMilli(), halfLife)));
            Latency l = run("similar served", servedOne, clients, measured);
            System.out.printf(Locale.ROOT, "similar served, cache starting empty (80 %% of requests on 1 000 articles), %d client(s): "
                            + "p50 %.2f ms, p95 %.2f ms, p99 %.2f ms  (p95 / target %.0f ms = %.2f)%n",
                    clients, l.p50(), l.p95(), l.p99(), SIMILAR_P95_TARGET_MS, l.p95() / SIMILAR_P95_TARGET_MS);
        }
        index.close();
    }

    record Latency(double p50, double p95, double p99, double throughput) {}

    /**
     * Each client sends its next request when the last one is answered, and the requests are served as
     * the site serves them: each on a virtual thread (spring.threads.virtual.enabled), which runs on as
     * many carrier threads as there are cores and is not time-sliced. The time is measured from sending
     * to the answer, so waiting for a free core counts. With {@code -Dbench.serve=platform} the clients
     * do the work on their own platform threads instead (the operating system then time-slices the
     * clients' threads over the cores, as a server with a thread per request would).
     */
    static Latency run(String name, IntFunction<Object> work, int clients, int total) throws Exception {
        long[] nanos = new long[total];
        AtomicInteger next = new AtomicInteger();
        boolean platform = "platform".equals(System.getProperty("bench.serve"));
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        ExecutorService server = platform ? null : Executors.newVirtualThreadPerTaskExecutor();
        long start = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            running.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < total) {
                    int request = i;
                    long t0 = System.nanoTime();
                    if (server == null) {
                        work.apply(request);
                    } else {
                        server.submit(() -> work.apply(request)).get();
                    }
                    nanos[i] = System.nanoTime() - t0;
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        if (server != null) {
            server.shutdown();
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Latency(ms(sorted, 0.50), ms(sorted, 0.95), ms(sorted, 0.99), total / seconds);
    }

    private static double ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    /** The paragraphs and words of the source articles, to recombine into many plausible ones. */
    record Corpus(List<GnadArticles.Labelled> source, Map<String, List<String>> paragraphsByTopic, List<String> words,
                  List<String> topics) {

        static Corpus of(List<GnadArticles.Labelled> source) {
            Map<String, List<String>> paragraphs = new HashMap<>();
            Map<String, Integer> frequency = new HashMap<>();
            for (GnadArticles.Labelled a : source) {
                String[] sentences = a.body().split("(?<=[.!?])\\s+(?=[A-ZÄÖÜ„\"])");
                for (int i = 0; i < sentences.length; i += 3) {
                    paragraphs.computeIfAbsent(a.topic(), k -> new ArrayList<>())
                            .add(String.join(" ", Arrays.copyOfRange(sentences, i, Math.min(sentences.length, i + 3))));
                }
                for (String w : a.text().split("[^\\p{L}]+")) {
                    if (w.length() >= 6) {
                        frequency.merge(w, 1, Integer::sum);
                    }
                }
            }
            List<String> words = frequency.entrySet().stream().filter(e -> e.getValue() >= 3 && e.getValue() <= 60)
                    .map(Map.Entry::getKey).sorted().toList();
            return new Corpus(source, paragraphs, words, paragraphs.keySet().stream().sorted().toList());
        }

        IndexedArticle article(int id, Random r, Instant newest) {
            GnadArticles.Labelled base = source.get(r.nextInt(source.size()));
            List<String> pool = paragraphsByTopic.get(base.topic());
            StringBuilder body = new StringBuilder();
            int n = 4 + r.nextInt(6);
            for (int p = 0; p < n; p++) {
                body.append(pool.get(r.nextInt(pool.size()))).append('\n');
            }
            Instant published = newest.minusSeconds((long) r.nextInt(5 * 365 * 24) * 3600);
            String topic = base.topic().toLowerCase(Locale.ROOT);
            return new IndexedArticle(id, base.title(), "artikel-" + id, base.lead(), body.toString(),
                    List.of(words.get(r.nextInt(words.size()))), List.of(topic), List.of(base.topic()),
                    "Redaktion", published, published);
        }

        /** Single words, two words, phrases, exclusions, word beginnings, compounds' parts, filters, date order. */
        List<SearchQuery> queries(Random r, int n) {
            List<SearchQuery> result = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String w1 = words.get(r.nextInt(words.size()));
                String w2 = words.get(r.nextInt(words.size()));
                String text = switch (i % 8) {
                    case 0, 1 -> w1;
                    case 2 -> w1 + " " + w2;
                    case 3 -> "\"" + phrase(r) + "\"";
                    case 4 -> w1 + " -" + w2;
                    case 5 -> w1.substring(0, 5) + "*";
                    case 6 -> List.of("Garantie", "Regierung", "Verteidigung", "Polizei", "Gewerkschaft", "Klima").get(r.nextInt(6));
                    default -> w1 + " " + w2.toLowerCase(Locale.ROOT);
                };
                String category = i % 5 == 0 ? topics.get(r.nextInt(topics.size())).toLowerCase(Locale.ROOT) : null;
                SearchSort sort = i % 6 == 0 ? SearchSort.DATE : SearchSort.RELEVANCE;
                result.add(new SearchQuery(text, category, null, null, sort, 1 + (i % 10 == 0 ? 1 : 0), true));
            }
            return result;
        }

        private String phrase(Random r) {
            String body = source.get(r.nextInt(source.size())).body();
            String[] w = body.split("\\s+");
            if (w.length < 5) {
                return body;
            }
            int at = r.nextInt(w.length - 3);
            return (w[at] + " " + w[at + 1] + " " + w[at + 2]).replaceAll("[\"„“]", "");
        }
    }
}
