package de.depesche.search;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.similarities.ClassicSimilarity;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.util.BytesRef;
import org.jspecify.annotations.Nullable;

/**
 * Content similarity between indexed articles. The most telling analysed terms of an article
 * (sublinear tf × idf, from its term vector) become a weighted query against the others; the terms of
 * its closest neighbours are then mixed in (pseudo-relevance feedback), which pulls the ranking
 * towards the article's topic rather than towards single shared names. Scores are divided by the
 * article's score against that same query, so 1.0 means "says the same" and 0.3 "shares some of the topic".
 */
final class Likeness {

    // Tuned on the 10kGNAD dev split (bench/search-quality.sh): 100 terms, 3 neighbours at half weight.
    static final int QUERY_TERMS = 100;
    static final int FEEDBACK_DOCS = 3;
    static final double FEEDBACK_WEIGHT = 0.5;
    /**
     * The links of the {@link SimilarityGraph} take no feedback: the walk along the graph does what the
     * feedback does, better, and each link costs one search instead of two.
     */
    static final int GRAPH_FEEDBACK_DOCS = 0;
    /** A term in more than this share of all articles says nothing about a topic. */
    static final double MAX_DOC_SHARE = 0.3;
    static final Similarity SIMILARITY = new ClassicSimilarity();

    /** @param similarity content similarity, 0…1 */
    record Match(int doc, long articleId, double similarity, long publishedMillis) {}

    private Likeness() {}

    /**
     * The articles most like the one at {@code doc}, best first.
     *
     * @param filter restricts the candidates (e.g. "published before"), or null
     */
    static List<Match> like(IndexSearcher searcher, int doc, long articleId, @Nullable Query filter, int limit)
            throws IOException {
        return like(searcher, doc, articleId, filter, limit, FEEDBACK_DOCS);
    }

    /** @param feedbackDocs how many closest articles lend their terms to the question (0: none) */
    static List<Match> like(IndexSearcher searcher, int doc, long articleId, @Nullable Query filter, int limit,
                            int feedbackDocs) throws IOException {
        IndexSearcher s = new IndexSearcher(searcher.getIndexReader());
        s.setSimilarity(SIMILARITY);
        Map<BytesRef, Double> weights = weights(s.getIndexReader(), doc);
        if (weights.isEmpty()) {
            return List.of();
        }
        Term self = new Term(IndexedArticle.KEY, IndexedArticle.key(articleId));
        if (feedbackDocs > 0) {
            TopDocs first = s.search(others(query(weights), self, null), top(feedbackDocs));
            for (ScoreDoc neighbour : first.scoreDocs) {
                weights(s.getIndexReader(), neighbour.doc).forEach((term, w) ->
                        weights.merge(term, FEEDBACK_WEIGHT / feedbackDocs * w, Double::sum));
            }
        }
        Query terms = query(weights);
        // The article itself is nearly always the best match for its own terms: one search gives both
        // its own score (for the 0…1 scale) and the others. Only when it is not on top is it asked alone.
        TopDocs hits = s.search(filtered(terms, filter, self), top(limit + 1));
        double ownScore = -1;
        List<ScoreDoc> others = new ArrayList<>(hits.scoreDocs.length);
        for (ScoreDoc hit : hits.scoreDocs) {
            if (hit.doc == doc) {
                ownScore = hit.score;
            } else {
                others.add(hit);
            }
        }
        if (ownScore < 0) {
            TopDocs own = s.search(new BooleanQuery.Builder()
                    .add(terms, BooleanClause.Occur.MUST)
                    .add(new TermQuery(self), BooleanClause.Occur.FILTER).build(), 1);
            ownScore = own.scoreDocs.length == 0 ? 0 : own.scoreDocs[0].score;
        }
        if (ownScore <= 0) {
            return List.of();
        }
        IndexReader reader = s.getIndexReader();
        List<Match> matches = new ArrayList<>(others.size());
        for (ScoreDoc hit : others.subList(0, Math.min(limit, others.size()))) {
            matches.add(new Match(hit.doc, LiveIndex.number(reader, hit.doc, IndexedArticle.ID),
                    Math.min(1.0, hit.score / ownScore), LiveIndex.number(reader, hit.doc, IndexedArticle.PUBLISHED)));
        }
        return matches;
    }

    /** The best {@code n}, without counting every match: lets Lucene skip what cannot make the top. */
    private static TopScoreDocCollectorManager top(int n) {
        return new TopScoreDocCollectorManager(n, null, n);
    }

    /** The terms, among the candidates the filter allows plus the article itself. */
    private static Query filtered(Query terms, @Nullable Query filter, Term self) {
        if (filter == null) {
            return terms;
        }
        return new BooleanQuery.Builder()
                .add(terms, BooleanClause.Occur.MUST)
                .add(new BooleanQuery.Builder()
                        .add(filter, BooleanClause.Occur.SHOULD)
                        .add(new TermQuery(self), BooleanClause.Occur.SHOULD).build(), BooleanClause.Occur.FILTER)
                .build();
    }

    private static Query others(Query terms, Term self, @Nullable Query filter) {
        BooleanQuery.Builder b = new BooleanQuery.Builder()
                .add(terms, BooleanClause.Occur.MUST)
                .add(new TermQuery(self), BooleanClause.Occur.MUST_NOT);
        if (filter != null) {
            b.add(filter, BooleanClause.Occur.FILTER);
        }
        return b.build();
    }

    /** The article's l2-normalised sublinear tf-idf weights of its most telling terms. */
    private static Map<BytesRef, Double> weights(IndexReader reader, int doc) throws IOException {
        Terms vector = reader.termVectors().get(doc, IndexedArticle.CONTENT);
        Map<BytesRef, Double> result = new HashMap<>();
        if (vector == null) {
            return result;
        }
        int n = reader.numDocs();
        // On a young site with a handful of articles every shared word is "common"; the rule waits for enough articles.
        int maxDf = n < 20 ? n - 1 : (int) (n * MAX_DOC_SHARE);
        PriorityQueue<Map.Entry<BytesRef, Double>> best = new PriorityQueue<>(Map.Entry.comparingByValue());
        TermsEnum it = vector.iterator();
        BytesRef term;
        while ((term = it.next()) != null) {
            if (term.length < 3) {
                continue;
            }
            long tf = it.totalTermFreq();
            Term t = new Term(IndexedArticle.CONTENT, BytesRef.deepCopyOf(term));
            int df = documentFrequency(reader, t);
            if (df < 2 || df > maxDf) {
                continue;
            }
            double w = (1 + Math.log(tf)) * Math.log((double) n / df);
            best.add(Map.entry(t.bytes(), w));
            if (best.size() > QUERY_TERMS) {
                best.poll();
            }
        }
        double norm = Math.sqrt(best.stream().mapToDouble(e -> e.getValue() * e.getValue()).sum());
        best.forEach(e -> result.put(e.getKey(), e.getValue() / norm));
        return result;
    }

    /**
     * How many articles contain a term. Looking it up costs a seek per index segment; the counts move
     * slowly, so they are kept for a minute (per index: the reader's cache key).
     */
    private static final Cache<Object, Integer> DOCUMENT_FREQUENCIES = Caffeine.newBuilder()
            .maximumSize(1_000_000).expireAfterWrite(Duration.ofMinutes(1)).build();

    private record FrequencyKey(Object index, BytesRef term) {}

    private static int documentFrequency(IndexReader reader, Term term) {
        var helper = reader.getReaderCacheHelper();
        Object index = helper == null ? reader : helper.getKey();
        return DOCUMENT_FREQUENCIES.get(new FrequencyKey(index, term.bytes()), k -> {
            try {
                return reader.docFreq(term);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static Query query(Map<BytesRef, Double> weights) {
        List<Map.Entry<BytesRef, Double>> top = weights.entrySet().stream()
                .sorted(Map.Entry.<BytesRef, Double>comparingByValue().reversed())
                .limit(QUERY_TERMS).toList();
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (var e : top) {
            b.add(new BoostQuery(new TermQuery(new Term(IndexedArticle.CONTENT, e.getKey())), e.getValue().floatValue()),
                    BooleanClause.Occur.SHOULD);
        }
        return b.build();
    }
}
