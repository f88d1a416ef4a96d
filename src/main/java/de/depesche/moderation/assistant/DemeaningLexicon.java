package de.depesche.moderation.assistant;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The hand-written word list {@code demeaning-de.txt}: insults, contempt, profanity, slurs, dehumanising
 * words, violence and threats. Finds its entries in a comment and tells which tokens matched, so that the
 * moderator sees the very words.
 */
final class DemeaningLexicon {

    enum Category {
        INSULT, CONTEMPT, PROFANITY, SLUR, DEHUMANISING, VIOLENCE, THREAT,
        /** An insult, contempt or a dehumanising word aimed at the reader or another commenter ("du bist ein …"). */
        ADDRESSED
    }

    /** Tokens {@code from} to {@code to} (inclusive) matched an entry of {@code category}. */
    record Match(Category category, int from, int to) {}

    private record Element(String text, boolean prefix, boolean suffix, boolean gapBefore) {

        boolean matches(String token) {
            if (prefix && suffix) {
                return token.length() > text.length() && token.contains(text);
            }
            if (prefix) {
                return token.startsWith(text);
            }
            if (suffix) {
                return token.length() > text.length() && token.endsWith(text);
            }
            return token.equals(text);
        }
    }

    private record Entry(Category category, Element[] elements) {}

    private static final int GAP = 4;
    private static final Set<String> SECOND_PERSON = Set.of("du", "dich", "dir", "dein", "deine", "deinen", "deiner",
            "deinem", "deines", "euch", "euer", "eure", "euren", "eurer", "@user");

    private final Map<String, Category> exact = new HashMap<>();
    private final List<Entry> wildcards = new ArrayList<>();
    private final Map<String, List<Entry>> sequencesByFirst = new HashMap<>();
    private final List<Entry> sequencesWildFirst = new ArrayList<>();
    private final int size;

    private DemeaningLexicon(List<Entry> entries) {
        for (Entry e : entries) {
            Element first = e.elements()[0];
            if (e.elements().length == 1 && !first.prefix() && !first.suffix()) {
                exact.put(first.text(), e.category());
            } else if (e.elements().length == 1) {
                wildcards.add(e);
            } else if (!first.prefix() && !first.suffix()) {
                sequencesByFirst.computeIfAbsent(first.text(), k -> new ArrayList<>()).add(e);
            } else {
                sequencesWildFirst.add(e);
            }
        }
        size = entries.size();
    }

    static DemeaningLexicon load() {
        try (InputStream in = DemeaningLexicon.class.getResourceAsStream("demeaning-de.txt")) {
            if (in == null) {
                throw new IllegalStateException("demeaning-de.txt is missing from the classpath");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DemeaningLexicon parse(List<String> lines) {
        List<Entry> entries = new ArrayList<>();
        Category category = null;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                category = Category.valueOf(line.substring(1, line.length() - 1).toUpperCase(Locale.ROOT));
                continue;
            }
            if (category == null) {
                throw new IllegalStateException("word list entry before the first [section]: " + line);
            }
            List<Element> elements = new ArrayList<>();
            boolean gap = false;
            for (String part : line.split("\\s+")) {
                if (part.equals("…")) {
                    gap = true;
                    continue;
                }
                boolean suffix = part.startsWith("*");
                boolean prefix = part.endsWith("*") && part.length() > 1;
                String text = CommentText.normalise(part.substring(suffix ? 1 : 0, part.length() - (prefix ? 1 : 0)));
                elements.add(new Element(text, prefix, suffix, gap));
                gap = false;
            }
            entries.add(new Entry(category, elements.toArray(Element[]::new)));
        }
        return new DemeaningLexicon(entries);
    }

    int size() {
        return size;
    }

    List<Match> find(List<CommentText.Token> tokens) {
        List<Match> found = new ArrayList<>();
        int n = tokens.size();
        for (int i = 0; i < n; i++) {
            String token = tokens.get(i).norm();
            Category single = exact.get(token);
            if (single == null) {
                for (Entry e : wildcards) {
                    if (e.elements()[0].matches(token)) {
                        single = e.category();
                        break;
                    }
                }
            }
            if (single != null) {
                found.add(new Match(single, i, i));
            }
            List<Entry> sequences = sequencesByFirst.get(token);
            if (sequences != null) {
                for (Entry e : sequences) {
                    matchSequence(e, tokens, i, found);
                }
            }
            for (Entry e : sequencesWildFirst) {
                if (e.elements()[0].matches(token)) {
                    matchSequence(e, tokens, i, found);
                }
            }
        }
        addressed(tokens, found);
        return found;
    }

    private static void matchSequence(Entry e, List<CommentText.Token> tokens, int start, List<Match> found) {
        int at = start;
        Element[] elements = e.elements();
        for (int k = 1; k < elements.length; k++) {
            Element el = elements[k];
            int limit = el.gapBefore() ? Math.min(tokens.size(), at + 1 + GAP) : Math.min(tokens.size(), at + 2);
            int next = -1;
            for (int j = at + 1; j < limit; j++) {
                if (el.matches(tokens.get(j).norm())) {
                    next = j;
                    break;
                }
            }
            if (next < 0) {
                return;
            }
            at = next;
        }
        found.add(new Match(e.category(), start, at));
    }

    /** An insult, contempt or dehumanising word with "du", "euch", "@name", "Sie sind" just before it. */
    private static void addressed(List<CommentText.Token> tokens, List<Match> found) {
        int count = found.size();
        for (int m = 0; m < count; m++) {
            Match match = found.get(m);
            if (match.category() != Category.INSULT && match.category() != Category.CONTEMPT
                    && match.category() != Category.DEHUMANISING) {
                continue;
            }
            for (int j = match.from() - 1; j >= Math.max(0, match.from() - GAP - 1); j--) {
                String t = tokens.get(j).norm();
                boolean sieSind = (t.equals("sie") && j + 1 < tokens.size() && tokens.get(j + 1).norm().equals("sind"))
                        || (t.equals("sind") && j + 1 < tokens.size() && tokens.get(j + 1).norm().equals("sie"));
                boolean ihrSeid = (t.equals("ihr") && j + 1 < tokens.size() && tokens.get(j + 1).norm().equals("seid"))
                        || (t.equals("seid") && j + 1 < tokens.size() && tokens.get(j + 1).norm().equals("ihr"));
                if (SECOND_PERSON.contains(t) || sieSind || ihrSeid) {
                    found.add(new Match(Category.ADDRESSED, j, match.to()));
                    break;
                }
            }
        }
    }
}
