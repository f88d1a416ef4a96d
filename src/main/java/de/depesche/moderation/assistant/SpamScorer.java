package de.depesche.moderation.assistant;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The spam score, from rules a moderator can check: links (more links, link shorteners), known shapes of
 * advertising (quick money, crypto, casino, pills, "schreib mir auf WhatsApp"), phone numbers and e-mail
 * addresses, shouting, repeated characters or words, and a copy of a comment already in the thread.
 * Each rule that fires adds its weight as an independent piece of evidence: 1 − ∏(1 − wᵢ).
 */
final class SpamScorer {

    private static final Pattern BARE_DOMAIN = Pattern.compile(
            "(?<![\\w@.-])(?:[a-z0-9-]{2,63}\\.)+(?:com|net|org|info|biz|ru|cn|xyz|top|io|co|de|at|ch|eu|me|ly|gl|to|tk|ml|ga|cf|gq|club|online|site|shop|store|win|bid|loan|click|link|vip|pro|app)(?![\\w-])(?:/\\S*)?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern LINK_MARKUP = Pattern.compile("<a\\s[^>]*href|\\[url[=\\]]", Pattern.CASE_INSENSITIVE);
    private static final Set<String> SHORTENERS = Set.of("bit.ly", "tinyurl.com", "t.co", "goo.gl", "ow.ly", "is.gd",
            "buff.ly", "cutt.ly", "rebrand.ly", "shorturl.at", "t.me", "wa.me", "tiny.cc", "rb.gy", "s.id", "linktr.ee");
    private static final Pattern PHONE = Pattern.compile("(?<![\\w+])(?:\\+|00)\\d{2}[\\d /().-]{7,16}\\d|(?<![\\w+])0\\d{2,4}[ /-]?\\d{4,9}(?!\\d)");
    private static final Pattern EMAIL = Pattern.compile("(?<![\\w.+-])[\\w.+-]{1,64}@[\\w-]{1,63}(?:\\.[\\w-]{1,63}){0,5}\\.[a-z]{2,24}", Pattern.CASE_INSENSITIVE);
    private static final Pattern REPEATED_CHARACTER = Pattern.compile("(.)\\1{5,}");

    /** Known shapes, matched on the normalised tokens (ä → ae, ß → ss); weight per phrase. */
    private static final Map<String, Double> PHRASES = new HashMap<>();

    static {
        for (String p : List.of("geld verdienen", "geld verdient", "verdienen sie", "verdiene ich", "von zu hause",
                "von zuhause", "nebenverdienst", "passives einkommen", "finanzielle freiheit", "bitcoin", "krypto",
                "kryptowaehrung", "crypto", "casino", "freispiele", "sportwetten", "viagra", "cialis", "potenzmittel",
                "abnehmen ohne", "kredit ohne schufa", "sofortkredit", "forex", "binaere optionen", "trading",
                "investieren sie", "rendite garantiert", "whatsapp", "telegram", "kontaktieren sie", "schreib mir",
                "schreiben sie mir", "klicke hier", "klicken sie hier", "hier klicken", "jetzt kaufen", "jetzt bestellen",
                "gewinnspiel", "sie haben gewonnen", "gratis", "kostenlos testen", "follower kaufen", "singles in",
                "escort", "bestellen sie", "limited offer", "make money", "work from home", "click here", "buy now")) {
            PHRASES.put(p, 0.3);
        }
    }

    private static final int MAX_PHRASE_TOKENS = 3;

    record Verdict(double score, List<String> because) {}

    Verdict score(CommentText comment, List<CommentText> thread, double threshold) {
        List<String> because = new ArrayList<>();
        double notSpam = 1.0;
        String text = comment.text();

        int links = 0;
        Set<String> shorteners = new HashSet<>();
        for (CommentText.Token t : comment.tokens()) {
            if (t.kind() == CommentText.Kind.URL) {
                links++;
                String host = host(t.norm());
                if (SHORTENERS.contains(host)) {
                    shorteners.add(host);
                }
            }
        }
        Matcher bare = BARE_DOMAIN.matcher(text);
        while (bare.find()) {
            if (!isInsideUrl(comment, bare.start())) {
                links++;
                String host = host(bare.group().toLowerCase(Locale.ROOT));
                if (SHORTENERS.contains(host)) {
                    shorteners.add(host);
                }
            }
        }
        Matcher markup = LINK_MARKUP.matcher(text);
        while (markup.find()) {
            links++;
        }
        if (links > 0) {
            notSpam *= 1 - Math.min(0.85, 0.25 * links);
            because.add("links:" + links);
        }
        for (String s : shorteners) {
            notSpam *= 1 - 0.5;
            because.add("shortener:" + s);
        }

        List<CommentText.Token> tokens = comment.tokens();
        Set<String> phrases = new HashSet<>();
        for (int i = 0; i < tokens.size(); i++) {
            StringBuilder phrase = new StringBuilder();
            for (int k = 0; k < MAX_PHRASE_TOKENS && i + k < tokens.size(); k++) {
                if (k > 0) {
                    phrase.append(' ');
                }
                phrase.append(tokens.get(i + k).norm());
                Double w = PHRASES.get(phrase.toString());
                if (w != null && phrases.add(phrase.toString())) {
                    notSpam *= 1 - w;
                    because.add(comment.quote(i, i + k));
                }
            }
        }
        Matcher phone = PHONE.matcher(text);
        if (phone.find()) {
            notSpam *= 1 - 0.4;
            because.add("phone-number");
        }
        if (text.indexOf('@') >= 0 && EMAIL.matcher(text).find()) {
            notSpam *= 1 - 0.25;
            because.add("email-address");
        }
        if (comment.capitals() > 0.7 && comment.letters() >= 20) {
            notSpam *= 1 - 0.3;
            because.add(String.format(Locale.ROOT, "capitals:%d%%", Math.round(comment.capitals() * 100)));
        }
        Matcher repeated = REPEATED_CHARACTER.matcher(text.length() > 20_000 ? text.substring(0, 20_000) : text);
        if (repeated.find()) {
            notSpam *= 1 - 0.2;
            String run = repeated.group();
            because.add("repeated:" + (run.length() > 12 ? run.substring(0, 12) + "…" : run));
        }
        String word = repeatedWord(tokens);
        if (word != null) {
            notSpam *= 1 - 0.35;
            because.add("repeated-word:" + word);
        }
        if (copiesThread(comment, thread)) {
            notSpam *= 1 - 0.6;
            because.add("thread-duplicate");
        }
        double score = 1 - notSpam;
        return new Verdict(score, score < threshold / 2 ? List.of() : because);
    }

    private static boolean isInsideUrl(CommentText comment, int at) {
        for (CommentText.Token t : comment.tokens()) {
            if (t.kind() == CommentText.Kind.URL && t.start() <= at && at < t.end()) {
                return true;
            }
            if (t.start() > at) {
                break;
            }
        }
        return false;
    }

    private static String host(String link) {
        String s = link.replaceFirst("^(?:https?://)?(?:www\\.)?", "");
        int end = 0;
        while (end < s.length() && s.charAt(end) != '/' && s.charAt(end) != '?' && s.charAt(end) != '#' && s.charAt(end) != ':') {
            end++;
        }
        return s.substring(0, end);
    }

    /** A word said four times in a row, or one that makes up over a third of a comment of ten or more words. */
    private static @Nullable String repeatedWord(List<CommentText.Token> tokens) {
        Map<String, Integer> counts = new HashMap<>();
        int words = 0;
        int run = 1;
        for (int i = 0; i < tokens.size(); i++) {
            CommentText.Token t = tokens.get(i);
            if (t.kind() != CommentText.Kind.WORD && t.kind() != CommentText.Kind.EMOJI) {
                continue;
            }
            words++;
            counts.merge(t.norm(), 1, Integer::sum);
            if (i > 0 && tokens.get(i - 1).norm().equals(t.norm())) {
                run++;
                if (run >= 4) {
                    return t.norm();
                }
            } else {
                run = 1;
            }
        }
        if (words >= 10) {
            for (Map.Entry<String, Integer> e : counts.entrySet()) {
                if (e.getValue() * 3 > words && e.getKey().length() > 3) {
                    return e.getKey();
                }
            }
        }
        return null;
    }

    /** Nearly the same words in the same order as a comment of the thread (word-triple overlap ≥ 80 %). */
    private static boolean copiesThread(CommentText comment, List<CommentText> thread) {
        if (comment.tokens().size() < 6 || thread.isEmpty()) {
            return false;
        }
        Set<String> mine = triples(comment);
        for (CommentText other : thread) {
            if (other.tokens().size() < 6) {
                continue;
            }
            Set<String> theirs = triples(other);
            int shared = 0;
            for (String t : mine) {
                if (theirs.contains(t)) {
                    shared++;
                }
            }
            int union = mine.size() + theirs.size() - shared;
            if (union > 0 && shared >= 0.8 * union) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> triples(CommentText c) {
        List<CommentText.Token> t = c.tokens();
        int n = Math.min(t.size(), 2_000);
        Set<String> out = new HashSet<>();
        for (int i = 0; i + 2 < n; i++) {
            out.add(t.get(i).norm() + ' ' + t.get(i + 1).norm() + ' ' + t.get(i + 2).norm());
        }
        return out;
    }
}
