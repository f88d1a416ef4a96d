package de.depesche.moderation.assistant;

import java.util.Arrays;
import java.util.List;

/**
 * The hashed features of the demeaning model: words, word pairs, character 3- to 5-grams inside words
 * (they catch compounds such as "Drecksvolk" and misspellings) and the word list's categories. Every
 * feature remembers the tokens it came from, so that a score can name its words. (Shouting – capitals,
 * "!!!" – was tried and left out: it added almost nothing and flagged loud advertising as demeaning.)
 */
final class DemeaningFeatures {

    static final int BITS = 18;
    static final int DIMENSIONS = 1 << BITS;
    private static final int MASK = DIMENSIONS - 1;

    private static final int WORD = 0x2f1a9b3c;
    private static final int PAIR = 0x51c3e7d1;
    private static final int GRAM = 0x7a4b1e29;
    private static final int LEXICON = 0x13e5a7f3;

    /** Feature {@code i} has index {@code index[i]}, value {@code value[i]} and came from tokens {@code from[i]}..{@code to[i]} (-1: none). */
    record Vector(int[] index, float[] value, int[] from, int[] to, int size) {}

    private int[] index = new int[256];
    private float[] value = new float[256];
    private int[] from = new int[256];
    private int[] to = new int[256];
    private int size;

    private DemeaningFeatures() {}

    static Vector of(CommentText text, List<DemeaningLexicon.Match> matches) {
        DemeaningFeatures f = new DemeaningFeatures();
        List<CommentText.Token> tokens = text.tokens();
        char[] padded = new char[64];
        for (int i = 0; i < tokens.size(); i++) {
            CommentText.Token t = tokens.get(i);
            String word = symbol(t);
            f.add(hash(WORD, word), i, i);
            if (i + 1 < tokens.size()) {
                f.add(pairHash(word, symbol(tokens.get(i + 1))), i, i + 1);
            }
            if (t.kind() == CommentText.Kind.WORD && word.length() <= 40) {
                int len = word.length() + 2;
                padded[0] = '^';
                word.getChars(0, word.length(), padded, 1);
                padded[len - 1] = '$';
                for (int n = 3; n <= 5; n++) {
                    for (int s = 0; s + n <= len; s++) {
                        f.add(hash(GRAM + n, padded, s, s + n), i, i);
                    }
                }
            }
        }
        // Texts of any length weigh the same: the n-gram part has unit length.
        if (f.size > 0) {
            float scale = (float) (1.0 / Math.sqrt(f.size));
            for (int k = 0; k < f.size; k++) {
                f.value[k] = scale;
            }
        }
        int[] perCategory = new int[DemeaningLexicon.Category.values().length];
        for (DemeaningLexicon.Match m : matches) {
            perCategory[m.category().ordinal()]++;
        }
        for (DemeaningLexicon.Category c : DemeaningLexicon.Category.values()) {
            int count = perCategory[c.ordinal()];
            if (count > 0) {
                f.add(hash(LEXICON, c.name()), -1, -1, (float) Math.min(count, 3));
            }
        }
        return new Vector(f.index, f.value, f.from, f.to, f.size);
    }

    /** The index of a word-list category's feature, for reading its weight. */
    static int lexiconIndex(DemeaningLexicon.Category c) {
        return hash(LEXICON, c.name());
    }

    private static String symbol(CommentText.Token t) {
        return switch (t.kind()) {
            case URL -> "<url>";
            case NUMBER -> t.norm().length() <= 2 ? t.norm() : "<number>";
            default -> t.norm();
        };
    }

    private void add(int i, int tokenFrom, int tokenTo) {
        add(i, tokenFrom, tokenTo, 1f);
    }

    private void add(int i, int tokenFrom, int tokenTo, float v) {
        if (size == index.length) {
            int capacity = size * 2;
            index = Arrays.copyOf(index, capacity);
            value = Arrays.copyOf(value, capacity);
            from = Arrays.copyOf(from, capacity);
            to = Arrays.copyOf(to, capacity);
        }
        index[size] = i;
        value[size] = v;
        from[size] = tokenFrom;
        to[size] = tokenTo;
        size++;
    }

    private static int hash(int seed, String s) {
        int h = seed;
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x01000193;
        }
        return mix(h);
    }

    private static int pairHash(String first, String second) {
        int h = PAIR;
        for (int i = 0; i < first.length(); i++) {
            h = (h ^ first.charAt(i)) * 0x01000193;
        }
        h = (h ^ ' ') * 0x01000193;
        for (int i = 0; i < second.length(); i++) {
            h = (h ^ second.charAt(i)) * 0x01000193;
        }
        return mix(h);
    }

    private static int hash(int seed, char[] chars, int from, int to) {
        int h = seed;
        for (int i = from; i < to; i++) {
            h = (h ^ chars[i]) * 0x01000193;
        }
        return mix(h);
    }

    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h & MASK;
    }
}
