package de.depesche.moderation.assistant;

import java.util.List;

/**
 * Turns German text into the normalised, stemmed terms without stop words that the off-topic score compares.
 * Must be thread-safe. In production this is the search module's German analysis, so that "on the topic"
 * means the same to the assistant as to the site search.
 */
@FunctionalInterface
public interface TermAnalyzer {

    List<String> terms(String text);
}
