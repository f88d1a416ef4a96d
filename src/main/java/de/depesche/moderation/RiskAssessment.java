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

    /**
     * The assessment under the given thresholds: a label is flagged when its score reaches its threshold, and
     * the risk puts every flagged comment before every other one (highest flagged score first), then the
     * others by their highest score, as the assistant's own risk does.
     */
    public static RiskAssessment of(Map<Label, Double> scores, Map<Label, List<String>> because, AssistantThresholds thresholds) {
        Map<Label, Boolean> flagged = new java.util.EnumMap<>(Label.class);
        double highest = 0;
        double highestFlagged = 0;
        boolean any = false;
        for (Label l : Label.values()) {
            double score = scores.getOrDefault(l, 0.0);
            boolean f = score >= threshold(thresholds, l);
            flagged.put(l, f);
            highest = Math.max(highest, score);
            if (f) {
                any = true;
                highestFlagged = Math.max(highestFlagged, score);
            }
        }
        double risk = any ? 0.5 + highestFlagged / 2 : highest / 2;
        return new RiskAssessment(risk, scores, flagged, because);
    }

    static double threshold(AssistantThresholds t, Label label) {
        return switch (label) {
            case OFF_TOPIC -> t.offTopic();
            case DEMEANING -> t.demeaning();
            case SPAM -> t.spam();
        };
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
