package de.depesche.moderation.assistant;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What of a tweet may be counted for the shipped term weights: its words. User handles ({@code @name}) are
 * people, not topics, and must not end up in a file we ship; links and the data set's line-break markers
 * ({@code |LBR|}) are no words either.
 */
final class TrainingText {

    private TrainingText() {}

    /** Twitter handles: letters, digits and underscores after an @ that does not follow a letter (not an e-mail). */
    static final Pattern HANDLE = Pattern.compile("(?<![\\p{L}\\p{N}_.])@[\\p{L}\\p{N}_]+");
    private static final Pattern LINK = Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+");
    private static final Pattern LINE_BREAK = Pattern.compile("\\|LBR\\|");

    /** The text without handles, links and line-break markers. */
    static String clean(String text) {
        String t = LINE_BREAK.matcher(text).replaceAll("\n");
        t = LINK.matcher(t).replaceAll(" ");
        t = HANDLE.matcher(t).replaceAll(" ");
        return t.replaceAll("[ \\t]{2,}", " ").strip();
    }

    /** The handles of a text, without the @. */
    static List<String> handles(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = HANDLE.matcher(LINE_BREAK.matcher(text).replaceAll("\n"));
        while (m.find()) {
            found.add(m.group().substring(1));
        }
        return found;
    }
}
