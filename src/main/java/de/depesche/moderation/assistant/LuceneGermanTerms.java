package de.depesche.moderation.assistant;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.de.GermanLightStemFilter;
import org.apache.lucene.analysis.de.GermanNormalizationFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Lucene's stock German chain: standard tokenizer, lower case, German stop words, umlaut/ß normalisation,
 * light stemming. A stand-in until the search module's {@code GermanAnalysis} is merged (see
 * {@link GermanTermsConfiguration}); tests and benchmarks use it too.
 */
final class LuceneGermanTerms implements TermAnalyzer, AutoCloseable {

    private final Analyzer analyzer = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            StandardTokenizer source = new StandardTokenizer();
            TokenStream stream = new LowerCaseFilter(source);
            stream = new StopFilter(stream, GermanAnalyzer.getDefaultStopSet());
            stream = new GermanNormalizationFilter(stream);
            stream = new GermanLightStemFilter(stream);
            return new TokenStreamComponents(source, stream);
        }
    };

    @Override
    public List<String> terms(String text) {
        List<String> terms = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("reading from a string cannot fail", e);
        }
        return terms;
    }

    @Override
    public void close() {
        analyzer.close();
    }
}
