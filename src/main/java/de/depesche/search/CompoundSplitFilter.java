package de.depesche.search;

import java.io.IOException;
import java.util.List;
import java.util.function.Function;

import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Emits the parts of a German compound after the compound itself, at the same position and with the
 * same offsets: {@code sicherheitsgarantien} stays and {@code sicherheit} and {@code garantien} join
 * it, so that a search for {@code Garantie} finds it and a highlight marks the whole word.
 */
final class CompoundSplitFilter extends TokenFilter {

    private final Function<String, List<String>> splitter;
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute position = addAttribute(PositionIncrementAttribute.class);
    private final KeywordAttribute keyword = addAttribute(KeywordAttribute.class);
    private List<String> pending = List.of();
    private int next;
    private State original;

    /** @param splitter a word's parts, or an empty list when it is no compound */
    CompoundSplitFilter(TokenStream input, Function<String, List<String>> splitter) {
        super(input);
        this.splitter = splitter;
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (next < pending.size()) {
            restoreState(original);
            term.setEmpty().append(pending.get(next++));
            position.setPositionIncrement(0);
            return true;
        }
        if (!input.incrementToken()) {
            return false;
        }
        pending = keyword.isKeyword() ? List.of() : splitter.apply(term.toString());
        next = 0;
        if (!pending.isEmpty()) {
            original = captureState();
        }
        return true;
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        pending = List.of();
        next = 0;
        original = null;
    }
}
