package de.depesche.site;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Turns German titles and names into URL slugs the way German readers expect: {@code ä → ae},
 * {@code ö → oe}, {@code ü → ue}, {@code ß → ss}; other accents lose their marks; everything else
 * that is not a letter or digit becomes a single hyphen.
 */
public final class Slugify {

    public static final int MAX_LENGTH = 120;

    private Slugify() {}

    public static String slugify(String text) {
        StringBuilder german = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case 'ä' -> german.append("ae");
                case 'ö' -> german.append("oe");
                case 'ü' -> german.append("ue");
                case 'Ä' -> german.append("Ae");
                case 'Ö' -> german.append("Oe");
                case 'Ü' -> german.append("Ue");
                case 'ß', 'ẞ' -> german.append("ss");
                default -> german.append(c);
            }
        }
        String plain = Normalizer.normalize(german, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        StringBuilder slug = new StringBuilder(plain.length());
        boolean hyphen = false;
        for (char c : plain.toLowerCase(Locale.ROOT).toCharArray()) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                slug.append(c);
                hyphen = false;
            } else if (!hyphen && !slug.isEmpty()) {
                slug.append('-');
                hyphen = true;
            }
        }
        String s = slug.toString();
        if (s.length() > MAX_LENGTH) {
            s = s.substring(0, MAX_LENGTH);
            int lastHyphen = s.lastIndexOf('-');
            if (lastHyphen > MAX_LENGTH / 2) {
                s = s.substring(0, lastHyphen);
            }
        }
        while (s.endsWith("-")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    /** Whether a slug an editor typed is in the canonical form (lowercase ASCII, digits, single hyphens). */
    public static boolean isValid(String slug) {
        return !slug.isEmpty() && slug.length() <= MAX_LENGTH && slug.matches("[a-z0-9]+(-[a-z0-9]+)*");
    }
}
