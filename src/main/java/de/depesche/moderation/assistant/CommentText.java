package de.depesche.moderation.assistant;

import java.util.ArrayList;
import java.util.List;

/**
 * A comment made safe to analyse and split into tokens: lone surrogates and control characters are
 * replaced, the text is cut at {@link #MAX_CHARS}, and every token keeps its place in the text so that
 * the assistant can quote the words that caused a score.
 */
final class CommentText {

    /** The assistant reads this much of a comment; the API refuses longer comments before that. */
    static final int MAX_CHARS = 50_000;

    enum Kind { WORD, NUMBER, HANDLE, URL, EMOJI }

    /**
     * @param norm  lower case, umlauts and ß spelled out (ä → ae, ß → ss), so "Arschlöcher" and "Arschloecher" meet
     * @param start index of the first character in {@link CommentText#text()}
     * @param end   index after the last character
     */
    record Token(String norm, int start, int end, Kind kind) {}

    private final String text;
    private final List<Token> tokens;
    private final int letters;
    private final int upperLetters;

    private CommentText(String text, List<Token> tokens, int letters, int upperLetters) {
        this.text = text;
        this.tokens = tokens;
        this.letters = letters;
        this.upperLetters = upperLetters;
    }

    static CommentText of(String raw) {
        String text = clean(raw);
        List<Token> tokens = new ArrayList<>(Math.min(text.length() / 5 + 4, 10_000));
        int letters = 0;
        int upper = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if ((c == 'h' || c == 'H' || c == 'w' || c == 'W') && startsLink(text, i)) {
                int end = i;
                while (end < n && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != '"' && text.charAt(end) != '<') {
                    end++;
                }
                tokens.add(new Token(text.substring(i, end).toLowerCase(java.util.Locale.ROOT), i, end, Kind.URL));
                i = end;
            } else if (c == '@' && i + 1 < n && Character.isLetterOrDigit(text.charAt(i + 1))) {
                int end = i + 1;
                while (end < n && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
                    end++;
                }
                tokens.add(new Token("@user", i, end, Kind.HANDLE));
                i = end;
            } else if (Character.isLetterOrDigit(c)) {
                int end = i;
                boolean digitsOnly = true;
                StringBuilder norm = new StringBuilder(16);
                while (end < n) {
                    char d = text.charAt(end);
                    if (Character.isLetter(d)) {
                        digitsOnly = false;
                        letters++;
                        if (Character.isUpperCase(d)) {
                            upper++;
                        }
                        appendNormalised(norm, d);
                    } else if (Character.isDigit(d)) {
                        norm.append(d);
                    } else {
                        break;
                    }
                    end++;
                }
                tokens.add(new Token(norm.toString(), i, end, digitsOnly ? Kind.NUMBER : Kind.WORD));
                i = end;
            } else {
                int cp = text.codePointAt(i);
                int len = Character.charCount(cp);
                if (isEmoji(cp)) {
                    tokens.add(new Token(text.substring(i, i + len), i, i + len, Kind.EMOJI));
                }
                i += len;
            }
        }
        return new CommentText(text, List.copyOf(tokens), letters, upper);
    }

    String text() {
        return text;
    }

    List<Token> tokens() {
        return tokens;
    }

    int letters() {
        return letters;
    }

    /** Share of upper-case letters, 0 when there are fewer than 12 letters. */
    double capitals() {
        return letters < 12 ? 0.0 : (double) upperLetters / letters;
    }

    /** The text of tokens {@code from} to {@code to} (inclusive) as written in the comment. */
    String quote(int from, int to) {
        String q = text.substring(tokens.get(from).start(), tokens.get(to).end());
        return q.length() > 60 ? q.substring(0, 60) + "…" : q;
    }

    static void appendNormalised(StringBuilder out, char c) {
        char l = Character.toLowerCase(c);
        switch (l) {
            case 'ä' -> out.append("ae");
            case 'ö' -> out.append("oe");
            case 'ü' -> out.append("ue");
            case 'ß' -> out.append("ss");
            default -> out.append(l);
        }
    }

    /** Lower case with umlauts and ß spelled out, as tokens are. */
    static String normalise(String s) {
        StringBuilder out = new StringBuilder(s.length() + 4);
        for (int i = 0; i < s.length(); i++) {
            appendNormalised(out, s.charAt(i));
        }
        return out.toString();
    }

    private static boolean startsLink(String text, int i) {
        return text.regionMatches(true, i, "http://", 0, 7) || text.regionMatches(true, i, "https://", 0, 8)
                || text.regionMatches(true, i, "www.", 0, 4) && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)));
    }

    private static boolean isEmoji(int cp) {
        int type = Character.getType(cp);
        return type == Character.OTHER_SYMBOL && cp >= 0x2190 || cp >= 0x1F000 && cp <= 0x1FAFF;
    }

    /** Lone surrogates become U+FFFD, control characters a space; the text is cut at {@link #MAX_CHARS}. */
    private static String clean(String raw) {
        int n = Math.min(raw.length(), MAX_CHARS);
        if (n > 0 && n < raw.length() && Character.isHighSurrogate(raw.charAt(n - 1))) {
            n--;
        }
        StringBuilder out = null;
        for (int i = 0; i < n; i++) {
            char c = raw.charAt(i);
            char replacement = c;
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < n && Character.isLowSurrogate(raw.charAt(i + 1))) {
                    if (out != null) {
                        out.append(c).append(raw.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
                replacement = '\uFFFD';
            } else if (Character.isLowSurrogate(c)) {
                replacement = '\uFFFD';
            } else if (c < 0x20 && c != '\n' || c == 0x7F) {
                replacement = ' ';
            }
            if (replacement != c && out == null) {
                out = new StringBuilder(n);
                out.append(raw, 0, i);
            }
            if (out != null) {
                out.append(replacement);
            }
        }
        return out != null ? out.toString() : raw.substring(0, n);
    }
}
