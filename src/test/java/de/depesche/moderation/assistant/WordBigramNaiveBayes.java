package de.depesche.moderation.assistant;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference the issue names: multinomial naive Bayes over lower-cased word bigrams (optionally words too) with
 * add-one smoothing and the class priors of its training rows. Only for measuring; not shipped.
 */
final class WordBigramNaiveBayes {

    private final boolean withWords;
    private final Map<String, int[]> counts = new HashMap<>();
    private final long[] totals = new long[2];
    private final int[] documents = new int[2];

    /** @param withWords also single words besides the bigrams */
    WordBigramNaiveBayes(boolean withWords) {
        this.withWords = withWords;
    }

    List<String> features(String text) {
        List<String> words = new ArrayList<>();
        for (CommentText.Token t : CommentText.of(text).tokens()) {
            words.add(t.norm());
        }
        List<String> out = withWords ? new ArrayList<>(words) : new ArrayList<>();
        for (int i = 0; i + 1 < words.size(); i++) {
            out.add(words.get(i) + " " + words.get(i + 1));
        }
        if (!withWords && words.size() == 1) {
            out.add(words.get(0));
        }
        return out;
    }

    void learn(String text, boolean positive) {
        int c = positive ? 1 : 0;
        documents[c]++;
        for (String f : features(text)) {
            counts.computeIfAbsent(f, k -> new int[2])[c]++;
            totals[c]++;
        }
    }

    boolean positive(String text) {
        int vocabulary = counts.size();
        double[] score = new double[2];
        for (int c = 0; c < 2; c++) {
            score[c] = Math.log(documents[c] / (double) (documents[0] + documents[1]));
            for (String f : features(text)) {
                int[] n = counts.get(f);
                score[c] += Math.log(((n == null ? 0 : n[c]) + 1.0) / (totals[c] + vocabulary));
            }
        }
        return score[1] > score[0];
    }
}
