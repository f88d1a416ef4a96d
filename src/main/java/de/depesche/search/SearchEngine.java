package de.depesche.search;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.apache.lucene.analysis.de.GermanNormalizationFilter;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongField;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortedNumericSelector;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.spell.DirectSpellChecker;
import org.apache.lucene.search.spell.SuggestMode;
import org.apache.lucene.search.spell.SuggestWord;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UHComponents;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.util.QueryBuilder;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.HtmlUtils;

/**
 * Turns a reader's query into a Lucene query over the weighted fields, runs it and prepares what the
 * result page shows: highlighted, escaped snippets and a spelling suggestion when nothing matched.
 */
final class SearchEngine {

    /** Field weights: the title says most about an article, then the lead, the body, the tags. */
    static final Map<String, Float> FIELDS = Map.of(
            IndexedArticle.TITLE, 3.0f,
            IndexedArticle.LEAD, 2.0f,
            IndexedArticle.BODY, 1.0f,
            IndexedArticle.TAGS, 1.5f,
            IndexedArticle.AUTHOR, 1.0f);
    /** The fields a hit shows with marks. */
    private static final Map<String, Float> MARKED_FIELDS = Map.of(
            IndexedArticle.TITLE, 1f, IndexedArticle.LEAD, 1f, IndexedArticle.BODY, 1f);
    private static final float COMPOUND_PARTS_WEIGHT = 0.7f;
    private static final int SNIPPET_LENGTH = 320;
    /** Matches are counted exactly up to here ("more than 500 results" beyond): counting all costs time on common words. */
    static final int COUNT_UP_TO = 500;
    /** Snippets come from the first this many characters of a text; the rest of a very long article adds cost, not value. */
    private static final int HIGHLIGHT_CHARS = 20_000;
    /**
     * The stored fields of recent hits, by index segment and document number there. A segment's
     * stored fields never change (an edited article is a new document), so an entry stays true for as
     * long as the segment lives; reading them is mostly decompressing, and the same articles come up
     * again and again (the newest, those of the day's topics).
     */
    private final Cache<StoredKey, Document> hitDocuments = Caffeine.newBuilder()
            .maximumWeight(32L << 20)
            .weigher((StoredKey k, Document d) -> 256 + d.getFields().stream()
                    .mapToInt(f -> f.stringValue() == null ? 16 : 2 * f.stringValue().length()).sum())
            .build();

    private record StoredKey(Object segment, int doc) {}

    /** What a hit shows, and the texts its snippets come from. */
    private static final Set<String> HIT_FIELDS = Set.of(IndexedArticle.ID, IndexedArticle.SLUG, IndexedArticle.TITLE,
            IndexedArticle.LEAD, IndexedArticle.BODY, IndexedArticle.PUBLISHED, IndexedArticle.CATEGORY_NAMES);

    /**
     * @param recencyWeight  how much newer articles lead (0 = off)
     * @param recencyPivot   the age in milliseconds at which an article gets half that lead
     */
    record Settings(float recencyWeight, long recencyPivot, ZoneId zone) {}

    private final GermanAnalysis analysis;
    private final Settings settings;
    private final QueryBuilder phrases;

    SearchEngine(GermanAnalysis analysis, Settings settings) {
        this.analysis = analysis;
        this.settings = settings;
        this.phrases = new QueryBuilder(analysis.queryAnalyzer());
    }

    /** The Lucene query, or null when nothing searchable is left (only stop words). */
    @Nullable Query build(ReaderQuery reader, SearchQuery q, Instant now) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        int required = 0;
        for (ReaderQuery.Part part : reader.included()) {
            Query clause = clause(part);
            if (clause != null) {
                b.add(clause, BooleanClause.Occur.MUST);
                required++;
            }
        }
        if (required == 0) {
            return null;
        }
        for (ReaderQuery.Part part : reader.excluded()) {
            Query clause = clause(part);
            if (clause != null) {
                b.add(clause, BooleanClause.Occur.MUST_NOT);
            }
        }
        if (q.category() != null) {
            b.add(new TermQuery(new Term(IndexedArticle.CATEGORY, q.category())), BooleanClause.Occur.FILTER);
        }
        if (q.from() != null || q.to() != null) {
            long from = q.from() == null ? Long.MIN_VALUE : startOf(q.from());
            long to = q.to() == null ? Long.MAX_VALUE : startOf(q.to().plusDays(1)) - 1;
            b.add(LongField.newRangeQuery(IndexedArticle.PUBLISHED, from, to), BooleanClause.Occur.FILTER);
        }
        if (q.recency() && q.sort() == SearchSort.RELEVANCE && settings.recencyWeight() > 0) {
            b.add(LongField.newDistanceFeatureQuery(IndexedArticle.PUBLISHED, settings.recencyWeight(),
                    now.toEpochMilli(), Math.max(1, settings.recencyPivot())), BooleanClause.Occur.SHOULD);
        }
        return b.build();
    }

    private long startOf(LocalDate day) {
        return day.atStartOfDay(settings.zone()).toInstant().toEpochMilli();
    }

    /** One word or phrase, in any of the weighted fields. */
    private @Nullable Query clause(ReaderQuery.Part part) {
        return clause(part, FIELDS);
    }

    private @Nullable Query clause(ReaderQuery.Part part, Map<String, Float> fields) {
        List<Query> perField = new ArrayList<>();
        for (var field : fields.entrySet()) {
            Query q = part.phrase() ? phrases.createPhraseQuery(field.getKey(), part.text())
                    : part.prefix() ? prefix(field.getKey(), part.text())
                    : word(field.getKey(), part.text());
            if (q != null) {
                perField.add(new BoostQuery(q, field.getValue()));
            }
        }
        return perField.isEmpty() ? null : new DisjunctionMaxQuery(perField, 0.1f);
    }

    private @Nullable Query word(String field, String word) {
        List<String> terms = GermanAnalysis.terms(analysis.queryAnalyzer(), word);
        if (terms.isEmpty()) {
            return null;
        }
        if (terms.size() > 1) {
            // "NATO-Gipfel", "5G-Netz": the pieces in this order
            return phrases.createPhraseQuery(field, word);
        }
        Query whole = new TermQuery(new Term(field, terms.getFirst()));
        List<String> parts = analysis.analysedParts(word);
        if (parts.size() < 2) {
            return whole;
        }
        // A compound in the query also finds its parts in another compound or apart: "Verteidigungschef"
        // finds "Chef der Verteidigung" too, a little below the word itself.
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        parts.forEach(p -> all.add(new TermQuery(new Term(field, p)), BooleanClause.Occur.MUST));
        return new BooleanQuery.Builder()
                .add(whole, BooleanClause.Occur.SHOULD)
                .add(new BoostQuery(all.build(), COMPOUND_PARTS_WEIGHT), BooleanClause.Occur.SHOULD)
                .build();
    }

    private @Nullable Query prefix(String field, String start) {
        List<String> terms = GermanAnalysis.terms(analysis.queryAnalyzer(), start);
        if (terms.size() != 1) {
            return null;
        }
        // The index holds stems; the stem of the beginning is at most as long as the beginning itself.
        String normalised = normalise(start);
        String stem = terms.getFirst();
        return new PrefixQuery(new Term(field, stem.length() < normalised.length() ? stem : normalised));
    }

    private static String normalise(String word) {
        char[] chars = word.toLowerCase(java.util.Locale.GERMAN).toCharArray();
        var stream = new org.apache.lucene.analysis.core.KeywordTokenizer();
        try (var filter = new GermanNormalizationFilter(stream)) {
            stream.setReader(new java.io.StringReader(new String(chars)));
            var term = filter.addAttribute(org.apache.lucene.analysis.tokenattributes.CharTermAttribute.class);
            filter.reset();
            String result = filter.incrementToken() ? term.toString() : word;
            filter.end();
            return result;
        } catch (IOException e) {
            return word;
        }
    }

    /** Runs the query and prepares one page of hits. */
    SearchResults search(IndexSearcher searcher, SearchQuery q, Instant now) throws IOException {
        ReaderQuery reader = ReaderQuery.parse(q.text());
        if (reader.parts().isEmpty()) {
            return SearchResults.empty(q, null);
        }
        Query query = build(reader, q, now);
        if (query == null) {
            return SearchResults.empty(q, null);
        }
        int size = SearchQuery.PAGE_SIZE;
        int wanted = q.page() * size;
        TopDocs top = q.sort() == SearchSort.DATE
                ? searcher.search(query, new TopFieldCollectorManager(new Sort(LongField.newSortField(IndexedArticle.PUBLISHED,
                true, SortedNumericSelector.Type.MAX)), wanted, null, COUNT_UP_TO))
                : searcher.search(query, new TopScoreDocCollectorManager(wanted, null, COUNT_UP_TO));
        long total = top.totalHits.value();
        boolean lowerBound = top.totalHits.relation() == TotalHits.Relation.GREATER_THAN_OR_EQUAL_TO;
        if (total == 0) {
            return SearchResults.empty(q, suggest(searcher, reader));
        }
        ScoreDoc[] page = Arrays.copyOfRange(top.scoreDocs, Math.min(top.scoreDocs.length, (q.page() - 1) * size),
                top.scoreDocs.length);
        return new SearchResults(q, hits(searcher, marked(reader), page), total, lowerBound, null);
    }

    /**
     * What the snippets mark: the words and phrases asked for, in the fields that are shown. Without the
     * exclusions, filters and the recency lead: a query part the highlighter does not know (the recency
     * lead is one) makes it analyse the text of every hit again instead of reading the word positions
     * from the index, and it asks the query where it matched in each hit, so every further field is
     * further work.
     */
    private Query marked(ReaderQuery reader) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (ReaderQuery.Part part : reader.included()) {
            Query clause = clause(part, MARKED_FIELDS);
            if (clause != null) {
                b.add(clause, BooleanClause.Occur.SHOULD);
            }
        }
        return b.build();
    }

    private List<SearchHit> hits(IndexSearcher searcher, Query query, ScoreDoc[] page) throws IOException {
        if (page.length == 0) {
            return List.of();
        }
        int[] docs = Arrays.stream(page).mapToInt(d -> d.doc).toArray();
        // Each hit's stored fields are read once, in index order, for the snippets and the hit alike
        // (reading them is mostly decompressing; the highlighter would otherwise do it a second time).
        Map<Integer, Document> documents = new HashMap<>();
        var stored = searcher.storedFields();
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        for (int doc : IntStream.of(docs).sorted().distinct().toArray()) {
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
            IndexReader.CacheHelper core = leaf.reader().getCoreCacheHelper();
            if (core == null) {
                documents.put(doc, stored.document(doc, HIT_FIELDS));
                continue;
            }
            Document d = hitDocuments.get(new StoredKey(core.getKey(), doc - leaf.docBase), k -> {
                try {
                    return stored.document(doc, HIT_FIELDS);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            documents.put(doc, d);
        }
        UnifiedHighlighter highlighter = new UnifiedHighlighter(UnifiedHighlighter.builder(searcher, analysis.queryAnalyzer())
                .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", " … ", true))
                .withMaxNoHighlightPassages(0)
                .withMaxLength(HIGHLIGHT_CHARS)) {
            /**
             * Word positions from the index for every query, also for "prefix*" and phrases of compound
             * parts: the highlighter's default re-analyses each hit's text for those, but it asks the
             * query itself where it matched (weight matches), which works on the index as well.
             */
            @Override
            protected OffsetSource getOptimizedOffsetSource(UHComponents components) {
                OffsetSource chosen = super.getOptimizedOffsetSource(components);
                return chosen == OffsetSource.ANALYSIS && getOffsetSource(components.field()) == OffsetSource.POSTINGS
                        && components.highlightFlags().contains(HighlightFlag.WEIGHT_MATCHES) ? OffsetSource.POSTINGS : chosen;
            }

            @Override
            protected List<CharSequence[]> loadFieldValues(String[] fields, DocIdSetIterator docIter, int cacheCharsThreshold)
                    throws IOException {
                List<CharSequence[]> values = new ArrayList<>();
                for (int doc = docIter.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docIter.nextDoc()) {
                    Document d = documents.get(doc);
                    CharSequence[] byField = new CharSequence[fields.length];
                    for (int f = 0; f < fields.length; f++) {
                        String value = d == null ? null : d.get(fields[f]);
                        byField[f] = value == null ? "" : value.length() > HIGHLIGHT_CHARS ? value.substring(0, HIGHLIGHT_CHARS) : value;
                    }
                    values.add(byField);
                }
                return values;
            }
        };
        String[] fields = {IndexedArticle.TITLE, IndexedArticle.LEAD, IndexedArticle.BODY};
        Map<String, String[]> marked = highlighter.highlightFields(fields, query, docs, new int[] {1, 1, 2});
        List<SearchHit> hits = new ArrayList<>(page.length);
        for (int i = 0; i < page.length; i++) {
            Document d = documents.get(docs[i]);
            String title = d.get(IndexedArticle.TITLE);
            String titleHtml = marked.get(IndexedArticle.TITLE)[i];
            String snippet = marked.get(IndexedArticle.BODY)[i];
            if (snippet == null) {
                snippet = marked.get(IndexedArticle.LEAD)[i];
            }
            if (snippet == null) {
                snippet = HtmlUtils.htmlEscape(cut(d.get(IndexedArticle.LEAD)), "UTF-8");
            }
            hits.add(new SearchHit(d.getField(IndexedArticle.ID).numericValue().longValue(), title,
                    d.get(IndexedArticle.SLUG),
                    titleHtml == null ? HtmlUtils.htmlEscape(title, "UTF-8") : titleHtml.strip(),
                    snippet.strip(),
                    Instant.ofEpochMilli(d.getField(IndexedArticle.PUBLISHED).numericValue().longValue()),
                    Arrays.stream(d.getFields(IndexedArticle.CATEGORY_NAMES)).map(IndexableField::stringValue).toList(),
                    Float.isNaN(page[i].score) ? 0 : page[i].score));
        }
        return hits;
    }

    private static String cut(@Nullable String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= SNIPPET_LENGTH ? text : text.substring(0, SNIPPET_LENGTH - 1) + "…";
    }

    /** The query with unknown words replaced by close known ones, or null when there is nothing better. */
    @Nullable String suggest(IndexSearcher searcher, ReaderQuery reader) throws IOException {
        DirectSpellChecker spelling = new DirectSpellChecker();
        var index = searcher.getIndexReader();
        List<String> typed = new ArrayList<>();
        boolean changed = false;
        for (ReaderQuery.Part part : reader.parts()) {
            if (part.phrase() || part.prefix() || part.excluded()) {
                typed.add(part.typed());
                continue;
            }
            List<String> words = GermanAnalysis.terms(analysis.spellingAnalyzer(), part.text());
            if (words.size() != 1 || index.docFreq(new Term(IndexedArticle.SPELL, words.getFirst())) > 0) {
                typed.add(part.typed());
                continue;
            }
            SuggestWord[] better = spelling.suggestSimilar(new Term(IndexedArticle.SPELL, words.getFirst()), 1, index,
                    SuggestMode.SUGGEST_WHEN_NOT_IN_INDEX);
            if (better.length > 0) {
                typed.add(better[0].string);
                changed = true;
            } else {
                typed.add(part.typed());
            }
        }
        return changed ? String.join(" ", typed) : null;
    }
}
