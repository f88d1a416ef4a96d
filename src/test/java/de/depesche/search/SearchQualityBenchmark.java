package de.depesche.search;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * "Similar articles share the topic": precision@5 and mean reciprocal rank of Depesche's similar
 * articles on the labelled 10kGNAD articles, beside a plain TF-IDF cosine without German analysis
 * (the reference), measured in the same run. Run with {@code bench/search-quality.sh}.
 */
public final class SearchQualityBenchmark {

    static final int K = 5;
    static final int MRR_DEPTH = 10;
    /** The target against its reference: precision@5 0.72 where a plain TF-IDF cosine reaches 0.64. */
    static final double TARGET_RATIO = 0.72 / 0.64;

    public static void main(String[] args) throws Exception {
        Path file = args.length > 0 ? Path.of(args[0]) : GnadArticles.DEFAULT;
        List<GnadArticles.Labelled> articles = GnadArticles.load(file).articles();
        System.out.printf(Locale.ROOT, "articles: %d from %s%n", articles.size(), file);

        Ranking baseline = plainTfIdf(articles);
        Ranking depesche = depesche(articles);
        Figures b = figures(articles, baseline);
        Figures direct = figures(articles, direct(articles));
        Figures d = figures(articles, depesche);
        System.out.printf(Locale.ROOT, "plain TF-IDF cosine (reference): precision@5 = %.3f, MRR@10 = %.3f%n", b.precision(), b.mrr());
        System.out.printf(Locale.ROOT, "Depesche direct comparison:      precision@5 = %.3f, MRR@10 = %.3f  (while the graph is built)%n",
                direct.precision(), direct.mrr());
        System.out.printf(Locale.ROOT, "Depesche similar articles:       precision@5 = %.3f, MRR@10 = %.3f  (similarity graph)%n", d.precision(), d.mrr());
        System.out.printf(Locale.ROOT, "ratio Depesche / reference:      precision@5 × %.3f, MRR × %.3f%n",
                d.precision() / b.precision(), d.mrr() / b.mrr());
        // The issue: plain TF-IDF reaches about 0.64 "on this kind of data", target 0.72, i.e. × 1.125 of the
        // reference. On this smaller split every method finds fewer same-topic neighbours, the reference too.
        System.out.printf(Locale.ROOT, "target:                          precision@5 ≥ 0.72 where the reference reaches 0.64: × %.3f; "
                + "here × %.3f (%s), %.3f absolute%n", TARGET_RATIO, d.precision() / b.precision(),
                d.precision() / b.precision() >= TARGET_RATIO ? "met" : "not met", d.precision());
    }

    /** For each article, the other articles best first. */
    interface Ranking {
        List<Integer> similarTo(int article);
    }

    record Figures(double precision, double mrr) {}

    static Figures figures(List<GnadArticles.Labelled> articles, Ranking ranking) {
        double precision = 0;
        double mrr = 0;
        for (int i = 0; i < articles.size(); i++) {
            List<Integer> similar = ranking.similarTo(i);
            String topic = articles.get(i).topic();
            int same = 0;
            for (int r = 0; r < Math.min(K, similar.size()); r++) {
                if (articles.get(similar.get(r)).topic().equals(topic)) {
                    same++;
                }
            }
            precision += same / (double) K;
            for (int r = 0; r < Math.min(MRR_DEPTH, similar.size()); r++) {
                if (articles.get(similar.get(r)).topic().equals(topic)) {
                    mrr += 1.0 / (r + 1);
                    break;
                }
            }
        }
        return new Figures(precision / articles.size(), mrr / articles.size());
    }

    /** The site's similar articles: the graph exactly as a node builds it, then the walk along it. */
    static Ranking depesche(List<GnadArticles.Labelled> articles) throws Exception {
        GermanAnalysis analysis = new GermanAnalysis();
        Path dir = Files.createTempDirectory("depesche-bench-quality-");
        LiveIndex index = LiveIndex.open(dir, analysis);
        Instant published = Instant.parse("2025-01-01T00:00:00Z");
        for (int i = 0; i < articles.size(); i++) {
            index.put(articles.get(i).indexed(i, published));
        }
        index.commit(Map.of());
        index.refresh();
        List<List<Integer>> all = new ArrayList<>();
        SimilarityGraph graph = new SimilarityGraph();
        index.read(s -> SimilarNeighbours.build(s, graph, 1, () -> true));
        for (int i = 0; i < articles.size(); i++) {
            all.add(graph.near(i, MRR_DEPTH, id -> true).stream().map(r -> (int) r.articleId()).toList());
        }
        index.close();
        return all::get;
    }

    /** German analysis and the direct comparison alone ({@link Likeness}, with feedback), as served until the graph is built. */
    static Ranking direct(List<GnadArticles.Labelled> articles) throws Exception {
        Path dir = Files.createTempDirectory("depesche-bench-quality-");
        LiveIndex index = LiveIndex.open(dir, new GermanAnalysis());
        Instant published = Instant.parse("2025-01-01T00:00:00Z");
        for (int i = 0; i < articles.size(); i++) {
            index.put(articles.get(i).indexed(i, published));
        }
        index.commit(Map.of());
        index.refresh();
        List<List<Integer>> all = new ArrayList<>();
        index.read(s -> {
            for (int i = 0; i < articles.size(); i++) {
                all.add(Likeness.like(s, LiveIndex.docOf(s, i), i, null, MRR_DEPTH).stream()
                        .map(m -> (int) m.articleId()).toList());
            }
            return null;
        });
        index.close();
        return all::get;
    }

    /** Lower-cased words, raw term frequency × log idf, cosine; nothing German about it. */
    static Ranking plainTfIdf(List<GnadArticles.Labelled> articles) {
        List<Map<String, Integer>> tfs = new ArrayList<>();
        Map<String, Integer> df = new HashMap<>();
        for (GnadArticles.Labelled a : articles) {
            Map<String, Integer> tf = new HashMap<>();
            for (String w : a.text().toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}_]+")) {
                if (w.length() >= 2) {
                    tf.merge(w, 1, Integer::sum);
                }
            }
            tf.keySet().forEach(w -> df.merge(w, 1, Integer::sum));
            tfs.add(tf);
        }
        int n = articles.size();
        List<Map<String, Double>> vectors = new ArrayList<>();
        for (Map<String, Integer> tf : tfs) {
            Map<String, Double> v = new HashMap<>();
            double norm = 0;
            for (var e : tf.entrySet()) {
                // sublinear tf × idf, l2-normalised: the stronger of the usual plain variants
                double w = (1 + Math.log(e.getValue())) * Math.log((double) n / df.get(e.getKey()));
                v.put(e.getKey(), w);
                norm += w * w;
            }
            double len = Math.sqrt(norm);
            v.replaceAll((k, w) -> len == 0 ? 0 : w / len);
            vectors.add(v);
        }
        return i -> {
            Map<String, Double> q = vectors.get(i);
            List<double[]> scored = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                Map<String, Double> other = vectors.get(j);
                double dot = 0;
                for (var e : q.entrySet()) {
                    Double w = other.get(e.getKey());
                    if (w != null) {
                        dot += e.getValue() * w;
                    }
                }
                scored.add(new double[] {j, dot});
            }
            scored.sort((x, y) -> Double.compare(y[1], x[1]));
            return scored.stream().limit(MRR_DEPTH).map(x -> (int) x[0]).toList();
        };
    }
}
