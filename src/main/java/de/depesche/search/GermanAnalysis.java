package de.depesche.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import de.danielnaber.jwordsplitter.GermanWordSplitter;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.de.GermanLightStemFilter;
import org.apache.lucene.analysis.de.GermanNormalizationFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.springframework.stereotype.Component;

/**
 * How Depesche reads German text: words are split at spaces and hyphens, lower-cased, stripped of
 * stop words ("der", "und", "für"), compounds add their parts ("Sicherheitsgarantien" also yields
 * "sicherheit" and "garantien"), umlauts and ß are normalised (ä = ae = a, ß = ss) and endings are
 * lightly removed ("Garantien" and "Garantie" become "garanti"). The search index and anyone who
 * compares texts (the moderation assistant) use the same chain.
 */
@Component
public class GermanAnalysis {

    /**
     * Changes whenever the chain changes what it produces; an index written with another version is
     * rebuilt in the background.
     */
    static final String VERSION = "de-1";

    /** Shorter words are no compounds worth splitting, longer ones are no words. */
    private static final int MIN_COMPOUND = 7;
    private static final int MAX_COMPOUND = 60;

    private final GermanWordSplitter splitter;
    private final Cache<String, List<String>> splits = Caffeine.newBuilder().maximumSize(200_000).build();
    private final CharArraySet stopWords = GermanAnalyzer.getDefaultStopSet();
    private final Analyzer index;
    private final Analyzer query;
    private final Analyzer spelling;
    private final Analyzer perField;

    public GermanAnalysis() {
        try {
            splitter = new GermanWordSplitter(true);
        } catch (IOException e) {
            throw new UncheckedIOException("the German compound dictionary is missing from the classpath", e);
        }
        splitter.setStrictMode(true);
        index = chain(true);
        query = chain(false);
        spelling = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                return new TokenStreamComponents(source, new LowerCaseFilter(source));
            }
        };
        perField = new PerFieldAnalyzerWrapper(index, Map.of(IndexedArticle.SPELL, spelling));
    }

    /** The analysed terms of a text, in order, compound parts right after their compound. */
    public List<String> terms(String text) {
        return terms(index, text);
    }

    /** What the index writes, per field. */
    Analyzer indexAnalyzer() {
        return perField;
    }

    /** The chain for search input: the same, but without compound parts (they are added as alternatives instead). */
    Analyzer queryAnalyzer() {
        return query;
    }

    /** Words as typed, lower-cased only: the vocabulary for "did you mean". */
    Analyzer spellingAnalyzer() {
        return spelling;
    }

    /**
     * The analysed parts of a compound word, e.g. {@code Verteidigungschef} → {@code [verteidigung, chef]},
     * or an empty list when the word is not a compound.
     */
    List<String> analysedParts(String word) {
        List<String> raw = split(word.toLowerCase(Locale.GERMAN));
        List<String> result = new ArrayList<>(raw.size());
        for (String part : raw) {
            List<String> t = terms(query, part);
            if (t.size() != 1) {
                return List.of();
            }
            result.add(t.getFirst());
        }
        return result;
    }

    static List<String> terms(Analyzer analyzer, String text) {
        List<String> terms = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("body", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }

    private Analyzer chain(boolean compounds) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                TokenStream s = new LowerCaseFilter(source);
                s = new StopFilter(s, stopWords);
                if (compounds) {
                    s = new CompoundSplitFilter(s, GermanAnalysis.this::split);
                }
                s = new GermanNormalizationFilter(s);
                s = new GermanLightStemFilter(s);
                return new TokenStreamComponents(source, s);
            }
        };
    }

    /** The lower-case parts of a lower-case word; empty when it is no compound. */
    private List<String> split(String word) {
        if (word.length() < MIN_COMPOUND || word.length() > MAX_COMPOUND || !word.chars().allMatch(Character::isLetter)) {
            return List.of();
        }
        return splits.get(word, w -> {
            try {
                List<String> parts = splitter.splitWord(w);
                if (parts.size() < 2) {
                    return List.of();
                }
                List<String> clean = new ArrayList<>(parts.size());
                for (String p : parts) {
                    String part = p.toLowerCase(Locale.GERMAN);
                    if (part.length() < 3 || stopWords.contains(part)) {
                        continue;
                    }
                    clean.add(part);
                }
                return List.copyOf(clean);
            } catch (RuntimeException e) {
                // The splitter refuses some inputs (too long, odd characters): such words simply stay whole.
                return List.of();
            }
        });
    }
}
