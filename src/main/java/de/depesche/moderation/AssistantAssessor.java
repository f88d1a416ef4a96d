package de.depesche.moderation;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import de.depesche.moderation.assistant.ArticleContext;
import de.depesche.moderation.assistant.Assessment;
import de.depesche.moderation.assistant.ModerationAssistant;
import de.depesche.moderation.assistant.Score;
import org.springframework.stereotype.Component;

/** Puts the assistant's assessment of a new comment into the form the queue stores and sorts by. */
@Component
class AssistantAssessor implements CommentAssessor {

    private final ModerationAssistant assistant;

    AssistantAssessor(ModerationAssistant assistant) {
        this.assistant = assistant;
    }

    @Override
    public RiskAssessment assess(String articleTitle, String articleText, List<String> thread, String comment) {
        Assessment a = assistant.assess(new ArticleContext(articleTitle, articleText), thread, comment);
        Map<RiskAssessment.Label, Double> scores = new EnumMap<>(RiskAssessment.Label.class);
        Map<RiskAssessment.Label, Boolean> flagged = new EnumMap<>(RiskAssessment.Label.class);
        Map<RiskAssessment.Label, List<String>> because = new EnumMap<>(RiskAssessment.Label.class);
        put(RiskAssessment.Label.OFF_TOPIC, a.offTopic(), scores, flagged, because);
        put(RiskAssessment.Label.DEMEANING, a.demeaning(), scores, flagged, because);
        put(RiskAssessment.Label.SPAM, a.spam(), scores, flagged, because);
        return new RiskAssessment(a.risk(), scores, flagged, because);
    }

    private static void put(RiskAssessment.Label label, Score s, Map<RiskAssessment.Label, Double> scores,
                            Map<RiskAssessment.Label, Boolean> flagged, Map<RiskAssessment.Label, List<String>> because) {
        scores.put(label, s.score());
        flagged.put(label, s.flagged());
        because.put(label, s.because().stream().limit(8).toList());
    }
}
