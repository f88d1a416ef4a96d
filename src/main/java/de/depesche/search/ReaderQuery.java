package de.depesche.search;

import java.util.ArrayList;
import java.util.List;

import de.depesche.site.InvalidInput;

/**
 * The search syntax readers know from web search engines: words (all must match), {@code "a phrase"},
 * {@code -word} or {@code -"a phrase"} to exclude, and {@code word*} for words beginning with it.
 * Anything else is refused with a message that says how to ask instead.
 */
record ReaderQuery(List<Part> parts) {

    static final int MAX_LENGTH = 500;
    static final int MAX_PARTS = 20;
    static final int MIN_PREFIX = 3;

    /** One word or phrase; {@code prefix} words are given without their trailing {@code *}. */
    record Part(String text, boolean phrase, boolean excluded, boolean prefix) {

        /** As the reader would type it. */
        String typed() {
            String t = phrase ? "\"" + text + "\"" : prefix ? text + "*" : text;
            return excluded ? "-" + t : t;
        }
    }

    ReaderQuery {
        parts = List.copyOf(parts);
    }

    List<Part> included() {
        return parts.stream().filter(p -> !p.excluded()).toList();
    }

    List<Part> excluded() {
        return parts.stream().filter(Part::excluded).toList();
    }

    static ReaderQuery parse(String input) {
        if (input.length() > MAX_LENGTH) {
            throw InvalidInput.of("q", "search.query.tooLong", MAX_LENGTH);
        }
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (c == '\uFFFD' || Character.isSurrogate(c) && !validSurrogate(input, i)) {
                throw InvalidInput.of("q", "search.query.encoding");
            }
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r' || Character.getType(c) == Character.FORMAT) {
                throw InvalidInput.of("q", "search.query.control");
            }
        }
        String q = input.replace('\u201E', '"').replace('\u201C', '"').replace('\u201D', '"').replace('\u00BB', '"')
                .replace('\u00AB', '"');
        List<Part> parts = new ArrayList<>();
        int i = 0;
        while (i < q.length()) {
            char c = q.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            boolean excluded = false;
            if ((c == '-' || c == '+') && i + 1 < q.length() && !Character.isWhitespace(q.charAt(i + 1))) {
                excluded = c == '-';
                i++;
                c = q.charAt(i);
            }
            if (c == '"') {
                int end = q.indexOf('"', i + 1);
                if (end < 0) {
                    throw InvalidInput.of("q", "search.query.quote");
                }
                String phrase = q.substring(i + 1, end).strip();
                if (!phrase.isEmpty()) {
                    parts.add(new Part(phrase.replaceAll("\\s+", " "), true, excluded, false));
                }
                i = end + 1;
                continue;
            }
            int end = i;
            while (end < q.length() && !Character.isWhitespace(q.charAt(end)) && q.charAt(end) != '"') {
                end++;
            }
            String word = trimPunctuation(q.substring(i, end));
            i = end;
            if (word.isEmpty()) {
                continue;
            }
            if (word.startsWith("*") || word.startsWith("?")) {
                throw InvalidInput.of("q", "search.query.leadingWildcard");
            }
            boolean prefix = word.endsWith("*");
            String stem = prefix ? word.substring(0, word.length() - 1) : word;
            if (stem.contains("*") || stem.contains("?")) {
                throw InvalidInput.of("q", "search.query.wildcard");
            }
            if (prefix && stem.codePointCount(0, stem.length()) < MIN_PREFIX) {
                throw InvalidInput.of("q", "search.query.prefixShort", MIN_PREFIX);
            }
            parts.add(new Part(stem, false, excluded, prefix));
        }
        if (parts.size() > MAX_PARTS) {
            throw InvalidInput.of("q", "search.query.tooManyWords", MAX_PARTS);
        }
        if (!parts.isEmpty() && parts.stream().allMatch(Part::excluded)) {
            throw InvalidInput.of("q", "search.query.onlyExclusions");
        }
        return new ReaderQuery(parts);
    }

    /** Sentence punctuation around a word is no part of it; a trailing * is. */
    private static String trimPunctuation(String word) {
        int start = 0;
        int end = word.length();
        while (start < end && ",.;:!?()[]{}'".indexOf(word.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && ",.;:!?()[]{}'".indexOf(word.charAt(end - 1)) >= 0) {
            end--;
        }
        return word.substring(start, end);
    }

    private static boolean validSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
