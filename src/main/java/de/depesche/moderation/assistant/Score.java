package de.depesche.moderation.assistant;

import java.util.List;

/**
 * One policy label's verdict on a comment.
 *
 * @param score   0.0 (clearly not) to 1.0 (clearly so)
 * @param flagged whether the score reaches the configured threshold of this label
 * @param because the words of the comment and the features that raised the score, strongest first
 *                (feature codes such as {@code links:3} are listed in docs/moderation-assistant.md)
 */
public record Score(double score, boolean flagged, List<String> because) {

    public Score {
        if (!(score >= 0.0 && score <= 1.0)) {
            throw new IllegalArgumentException("score must be within 0..1, not " + score);
        }
        because = List.copyOf(because);
    }

    static Score of(double score, double threshold, List<String> because) {
        double s = Double.isNaN(score) ? 0.0 : Math.clamp(score, 0.0, 1.0);
        // Rounded so that the API and the queue show the same figure the flag was decided on.
        s = Math.round(s * 1000) / 1000.0;
        return new Score(s, s >= threshold, because);
    }
}
