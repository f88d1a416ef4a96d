package de.depesche.moderation;

import java.util.List;
import java.util.Map;

/**
 * What the assistant says about a comment: a score per policy label (0–1), whether it passes the
 * label's threshold, the words or features behind it, and the overall risk that orders the queue.
 */
public record RiskAssessment(double risk, Map<Label, Double> scores, Map<Label, Boolean> flagged,
                             Map<Label, List<String>> because) {

    public enum Label { OFF_TOPIC, DEMEANING, SPAM }

    public RiskAssessment {
        scores = Map.copyOf(scores);
        flagged = Map.copyOf(flagged);
        because = Map.copyOf(because);
    }

    public static RiskAssessment none() {
        return new RiskAssessment(0, Map.of(), Map.of(), Map.of());
    }

    public double score(Label label) {
        return scores.getOrDefault(label, 0.0);
    }

    public boolean isFlagged(Label label) {
        return flagged.getOrDefault(label, false);
    }

    public List<String> reasons(Label label) {
        return because.getOrDefault(label, List.of());
    }
}
