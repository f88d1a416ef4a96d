package de.depesche.job;

import java.net.URI;
import java.net.URISyntaxException;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import de.depesche.article.MarkdownRenderer;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.HtmlUtils;

/**
 * Puts job data into one shape, whichever feed it came from: white space collapsed, shouting titles
 * and place names in normal case, place names in their German form without postal codes or
 * countries, tracking parameters removed from links, HTML sanitised. Builds the de-duplication key.
 */
final class JobNormalizer {

    static final int TITLE_MAX = 200;
    static final int EMPLOYER_MAX = 200;
    static final int PLACE_MAX = 100;
    static final int PLACES_MAX = 10;
    static final int URL_MAX = 2000;
    static final int DESCRIPTION_MAX = 50_000;

    private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0\\u2007\\u202F]+");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\n\\t\\r]]");
    /** A German, Austrian or Swiss postal code before the place ("20095 Hamburg") or after it ("Hamburg 20095"). */
    private static final Pattern POSTAL_CODE = Pattern.compile(
            "^(?:D-|DE-|A-|CH-)?\\d{4,5}(?:\\s+|$)|\\s+(?:D-|DE-|A-|CH-)?\\d{4,5}$", Pattern.CASE_INSENSITIVE);
    /**
     * The HTML elements that tell a description written in HTML from plain text, which may well
     * contain "<" ("Gehalt < 50 000 €", "Zweiter <Absatz>") without being markup.
     */
    private static final String HTML_ELEMENTS = "a|abbr|address|article|aside|b|big|blockquote|body|br|caption|center|cite"
            + "|code|col|colgroup|dd|del|details|dfn|div|dl|dt|em|embed|fieldset|figcaption|figure|font|footer|form|h[1-6]"
            + "|head|header|hr|html|i|iframe|img|input|ins|kbd|label|legend|li|link|main|mark|meta|nav|noscript|object|ol"
            + "|p|pre|q|s|samp|script|section|small|span|strike|strong|style|sub|summary|sup|svg|table|tbody|td|tfoot|th"
            + "|thead|title|tr|tt|u|ul|var|wbr";
    private static final Set<String> HTML_ELEMENT_NAMES = Set.of(HTML_ELEMENTS.replace("h[1-6]", "h1|h2|h3|h4|h5|h6").split("\\|"));
    /** Tags that separate words when they are taken out of a line of text. */
    private static final Pattern BLOCK_TAG = Pattern.compile(
            "</?(?:br|p|div|li|ul|ol|h[1-6]|tr|td|th|table|hr|blockquote|section|article|header|footer|dd|dt|dl)\\b.*",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern PLACE_SEPARATORS = Pattern.compile("\\s*(?:[;|,]|\\s/\\s|\\sund\\s|\\sor\\s|\\soder\\s)\\s*");
    private static final Pattern GENDER = Pattern.compile(
            "\\(\\s*(?:[mwfdxi]\\s*[/|,]\\s*){1,3}[mwfdxi]\\s*\\)|\\(\\s*(?:all genders|alle geschlechter|gn)\\s*\\)|\\*in\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Set<String> COUNTRIES = Set.of("deutschland", "germany", "de", "d", "oesterreich", "austria",
            "at", "schweiz", "switzerland", "ch", "europe", "europa", "eu", "dach");
    private static final Set<String> REMOTE_WORDS = Set.of("remote", "homeoffice", "home office", "home-office",
            "telecommute", "100% remote", "fully remote", "remote work", "mobiles arbeiten", "deutschlandweit remote");
    private static final Map<String, String> PLACE_NAMES = Map.ofEntries(
            Map.entry("munich", "München"), Map.entry("muenchen", "München"), Map.entry("munchen", "München"),
            Map.entry("cologne", "Köln"), Map.entry("koeln", "Köln"), Map.entry("koln", "Köln"),
            Map.entry("nuremberg", "Nürnberg"), Map.entry("nuernberg", "Nürnberg"),
            Map.entry("hanover", "Hannover"), Map.entry("brunswick", "Braunschweig"),
            Map.entry("dusseldorf", "Düsseldorf"), Map.entry("duesseldorf", "Düsseldorf"),
            Map.entry("frankfurt", "Frankfurt am Main"), Map.entry("frankfurt a m", "Frankfurt am Main"),
            Map.entry("frankfurt main", "Frankfurt am Main"), Map.entry("frankfurt am main", "Frankfurt am Main"),
            Map.entry("vienna", "Wien"), Map.entry("zurich", "Zürich"), Map.entry("zuerich", "Zürich"),
            Map.entry("geneva", "Genf"), Map.entry("brussels", "Brüssel"), Map.entry("bruessel", "Brüssel"));
    private static final Set<String> TRACKING_PARAMETERS = Set.of("gclid", "fbclid", "msclkid", "dclid", "yclid",
            "mc_cid", "mc_eid", "_hsenc", "_hsmi", "igshid", "trk", "trkinfo", "wt_mc", "wt.mc_id", "piwik_campaign",
            "pk_campaign", "pk_kwd", "pk_source", "pk_medium", "ref_src", "cmpid", "ttclid", "si");

    private JobNormalizer() {}

    /** Collapses every run of white space to one space and drops control characters. */
    static String collapse(@Nullable String text) {
        if (text == null) {
            return "";
        }
        return SPACES.matcher(CONTROL.matcher(text).replaceAll("")).replaceAll(" ").strip();
    }

    /** A title in normal case: "SENIOR JAVA-ENTWICKLER (M/W/D)" becomes "Senior Java-Entwickler (M/W/D)". */
    static String title(String raw) {
        String t = plainLine(raw);
        return shouting(t) ? capitalizeWords(t) : t;
    }

    static String employer(String raw) {
        return plainLine(raw);
    }

    /**
     * One line of text for titles, employers and places: entities decoded and HTML tags taken out
     * ("&lt;b&gt;Redakteur&lt;/b&gt;" and "<b>Redakteur</b>" are both "Redakteur"); a "<" that is no
     * tag stays.
     */
    static String plainLine(String raw) {
        return collapse(stripTags(HtmlUtils.htmlUnescape(raw)));
    }

    private static String stripTags(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        int lastClose = text.lastIndexOf("-->");
        for (long tag = nextTag(text, 0, lastClose); tag >= 0; tag = nextTag(text, from, lastClose)) {
            int start = (int) (tag >>> 32);
            int end = (int) tag;
            out.append(text, from, start).append(BLOCK_TAG.matcher(text.substring(start, end)).matches() ? " " : "");
            from = end;
        }
        return out.append(text, from, text.length()).toString();
    }

    /** Whether the text is HTML: it has at least one tag of a known HTML element (or a comment). */
    static boolean isHtml(String text) {
        return nextTag(text, 0, text.lastIndexOf("-->")) >= 0;
    }

    /**
     * The next tag of a known HTML element ({@code <p>}, {@code </b>}, {@code <br/>}) or comment at or after
     * {@code from}: its start in the upper and its end in the lower 32 bits, or -1. Read in one pass, without
     * a regular expression: a search for "&lt;!--.*?--&gt;" tries every opening against the rest of the text,
     * and a remote description full of openings that never close took time in the square of its length.
     *
     * @param lastClose where the last "-->" of the text starts: an opening comment after it never ends
     */
    private static long nextTag(String text, int from, int lastClose) {
        int length = text.length();
        for (int i = text.indexOf('<', from); i >= 0; i = text.indexOf('<', i + 1)) {
            if (text.startsWith("!--", i + 1)) {
                if (lastClose >= i + 4) {
                    return ((long) i << 32) | (text.indexOf("-->", i + 4) + 3);
                }
                continue;
            }
            int name = i + 1 < length && text.charAt(i + 1) == '/' ? i + 2 : i + 1;
            int nameEnd = name;
            while (nameEnd < length && isAsciiLetterOrDigit(text.charAt(nameEnd))) {
                nameEnd++;
            }
            if (nameEnd == name || nameEnd == length || !isTagNameEnd(text.charAt(nameEnd))
                    || !HTML_ELEMENT_NAMES.contains(text.substring(name, nameEnd).toLowerCase(Locale.ROOT))) {
                continue;
            }
            // Up to the next angle bracket: a ">" closes the tag, a "<" means this was text after all
            // (and the search goes on from there, so every character is looked at a bounded number of times).
            int close = nameEnd;
            while (close < length && text.charAt(close) != '>' && text.charAt(close) != '<') {
                close++;
            }
            if (close == length) {
                return -1;
            }
            if (text.charAt(close) == '>') {
                return ((long) i << 32) | (close + 1);
            }
            i = close - 1;
        }
        return -1;
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** What may follow a tag's name: white space as regular expressions know it, "/" or ">". */
    private static boolean isTagNameEnd(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r' || c == '/' || c == '>';
    }

    /**
     * The places of a job, each in its usual German form; remote words are not places but set
     * {@code remote}. Countries and postal codes are dropped.
     */
    static Places places(List<String> raw) {
        Set<String> result = new LinkedHashSet<>();
        boolean remote = false;
        for (String entry : raw) {
            for (String part : PLACE_SEPARATORS.split(plainLine(entry))) {
                String p = POSTAL_CODE.matcher(part.strip()).replaceAll("").strip();
                p = p.replaceAll("\\s*\\((?:deutschland|germany|de)\\)$", "");
                if (p.isEmpty()) {
                    continue;
                }
                String folded = fold(p);
                if (REMOTE_WORDS.contains(p.toLowerCase(Locale.ROOT)) || REMOTE_WORDS.contains(folded)) {
                    remote = true;
                    continue;
                }
                if (COUNTRIES.contains(folded)) {
                    continue;
                }
                String known = PLACE_NAMES.get(folded);
                result.add(known != null ? known : (shouting(p) || p.equals(p.toLowerCase(Locale.ROOT)) ? capitalizeWords(p) : p));
            }
        }
        return new Places(new ArrayList<>(result), remote);
    }

    record Places(List<String> names, boolean remoteMentioned) {}

    /** The same job, however it is written: lower case, umlauts folded, gender markers and punctuation dropped. */
    static String dedupKey(String title, String employer, List<String> places) {
        Set<String> sortedPlaces = new TreeSet<>();
        places.forEach(p -> sortedPlaces.add(fold(p)));
        String where = sortedPlaces.isEmpty() ? "remote" : String.join(",", sortedPlaces);
        String key = fold(GENDER.matcher(title).replaceAll(" ")) + "|" + fold(employer) + "|" + where;
        return key.length() > 700 ? key.substring(0, 700) : key;
    }

    /** Lower case ASCII-ish: ä → ae, ß → ss, accents dropped, everything that is not a letter or digit one space. */
    static String fold(String text) {
        StringBuilder german = new StringBuilder(text.length() + 8);
        for (char c : text.toLowerCase(Locale.ROOT).toCharArray()) {
            switch (c) {
                case 'ä' -> german.append("ae");
                case 'ö' -> german.append("oe");
                case 'ü' -> german.append("ue");
                case 'ß' -> german.append("ss");
                default -> german.append(c);
            }
        }
        String plain = Normalizer.normalize(german, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        return plain.replaceAll("[^\\p{L}\\p{N}%]+", " ").strip();
    }

    /** An http(s) address without tracking parameters, or empty when it is not one. */
    static Optional<String> applyUrl(String raw) {
        String u = collapse(HtmlUtils.htmlUnescape(raw)).replace(" ", "%20");
        if (u.isEmpty() || u.length() > URL_MAX) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(u);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawUserInfo() != null) {
                return Optional.empty();
            }
            String query = uri.getRawQuery();
            StringBuilder kept = new StringBuilder();
            if (query != null) {
                for (String pair : query.split("&")) {
                    String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
                    String lower = name.toLowerCase(Locale.ROOT);
                    if (pair.isEmpty() || lower.startsWith("utm_") || TRACKING_PARAMETERS.contains(lower)) {
                        continue;
                    }
                    if (!kept.isEmpty()) {
                        kept.append('&');
                    }
                    kept.append(pair);
                }
            }
            StringBuilder out = new StringBuilder(scheme).append("://").append(uri.getRawAuthority().toLowerCase(Locale.ROOT));
            out.append(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
            if (!kept.isEmpty()) {
                out.append('?').append(kept);
            }
            if (uri.getRawFragment() != null && !uri.getRawFragment().isEmpty()) {
                out.append('#').append(uri.getRawFragment());
            }
            return Optional.of(out.toString());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /**
     * A description that is safe to show: HTML through the site's sanitiser; plain text escaped, with
     * blank lines as paragraphs and single line breaks kept. It counts as HTML only when it has a tag of
     * a known element, also when the whole markup arrived escaped once more ("&lt;p&gt;…"); a "<" in
     * plain text ("Gehalt < 50 000 €", "Zweiter <Absatz>") is text and loses nothing.
     */
    static String description(String raw) {
        String text = raw.strip();
        if (text.isEmpty()) {
            return "";
        }
        String html;
        String unescaped = HtmlUtils.htmlUnescape(text);
        if (isHtml(text)) {
            html = text;
        } else if (isHtml(unescaped)) {
            html = unescaped;
        } else {
            StringBuilder sb = new StringBuilder();
            for (String paragraph : unescaped.split("\\R\\s*\\R")) {
                if (!paragraph.isBlank()) {
                    sb.append("<p>").append(HtmlUtils.htmlEscape(paragraph.strip(), "UTF-8").replaceAll("\\R", "<br>")).append("</p>");
                }
            }
            html = sb.toString();
        }
        return MarkdownRenderer.sanitize(html).strip();
    }

    /** Whether sanitised HTML has any text left to read. */
    static boolean hasText(String html) {
        // Tags out in one pass ("<[^>]*>" would try every "<" against the rest of the text).
        StringBuilder text = new StringBuilder(html.length());
        boolean inTag = false;
        int lastClose = html.lastIndexOf('>');
        for (int i = 0; i < html.length(); i++) {
            char c = html.charAt(i);
            if (inTag) {
                inTag = c != '>';
                if (!inTag) {
                    text.append(' ');
                }
            } else if (c == '<' && i < lastClose) {
                inTag = true;
            } else {
                text.append(c);
            }
        }
        return !collapse(HtmlUtils.htmlUnescape(text.toString())).isEmpty();
    }

    static boolean isYes(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "true", "yes", "ja", "1", "y", "remote", "full", "fully", "telecommute", "homeoffice", "100%" -> true;
            default -> false;
        };
    }

    /** Dates as feeds write them: ISO dates or times, RFC 1123 ("Fri, 10 Jan 2025 09:00:00 GMT"), German "31.01.2025". */
    static Optional<ZonedDateTime> dateTime(String raw, ZoneId zone) {
        String t = collapse(raw);
        if (t.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(t).atZoneSameInstant(zone));
        } catch (DateTimeParseException ignored) {
            // next form
        }
        try {
            return Optional.of(ZonedDateTime.parse(t, DateTimeFormatter.RFC_1123_DATE_TIME).withZoneSameInstant(zone));
        } catch (DateTimeParseException ignored) {
            // next form
        }
        try {
            return Optional.of(Instant.parse(t).atZone(zone));
        } catch (DateTimeParseException ignored) {
            // next form
        }
        try {
            return Optional.of(LocalDateTime.parse(t.replace(' ', 'T')).atZone(zone));
        } catch (DateTimeParseException ignored) {
            // next form
        }
        for (DateTimeFormatter f : List.of(DateTimeFormatter.ISO_LOCAL_DATE, DateTimeFormatter.ofPattern("d.M.uuuu"))) {
            try {
                return Optional.of(LocalDate.parse(t, f).atStartOfDay(zone));
            } catch (DateTimeParseException ignored) {
                // next form
            }
        }
        return Optional.empty();
    }

    /** Whether the text has letters and they are all capitals. */
    private static boolean shouting(String text) {
        boolean letters = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetter(c)) {
                letters = true;
                if (Character.isLowerCase(c)) {
                    return false;
                }
            }
        }
        return letters && text.codePoints().filter(Character::isLetter).count() > 3;
    }

    private static String capitalizeWords(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        boolean start = true;
        for (char c : text.toLowerCase(Locale.GERMAN).toCharArray()) {
            sb.append(start && Character.isLetter(c) ? Character.toUpperCase(c) : c);
            start = !Character.isLetterOrDigit(c) && c != '\'';
        }
        // Gender markers such as (m/w/d) stay lower case, as German job ads write them.
        return GENDER.matcher(sb.toString()).replaceAll(m -> m.group().toLowerCase(Locale.ROOT));
    }
}
