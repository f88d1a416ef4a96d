package de.depesche.moderation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * From which score on the moderation assistant flags a comment, per policy label (0.0–1.0). A flag only
 * orders and explains the queue; a moderator decides. Defaults are calibrated on the development data
 * (see docs/moderation-assistant.md).
 *
 * @param offTopic  DEPESCHE_MODERATION_ASSISTANT_OFFTOPIC: not on the article's topic
 * @param demeaning DEPESCHE_MODERATION_ASSISTANT_DEMEANING: insults, slurs, dehumanising or threatening language
 * @param spam      DEPESCHE_MODERATION_ASSISTANT_SPAM: links, repetition, known spam shapes
 */
@ConfigurationProperties("depesche.moderation.assistant")
public record AssistantThresholds(
        @DefaultValue(DEFAULT_OFF_TOPIC) double offTopic,
        @DefaultValue(DEFAULT_DEMEANING) double demeaning,
        @DefaultValue(DEFAULT_SPAM) double spam) {

    public static final String DEFAULT_OFF_TOPIC = "0.5";
    public static final String DEFAULT_DEMEANING = "0.5";
    public static final String DEFAULT_SPAM = "0.5";

    /** The defaults, as an operator gets them without settings. */
    public static AssistantThresholds defaults() {
        return new AssistantThresholds(Double.parseDouble(DEFAULT_OFF_TOPIC), Double.parseDouble(DEFAULT_DEMEANING),
                Double.parseDouble(DEFAULT_SPAM));
    }

    public AssistantThresholds {
        check("offTopic", offTopic);
        check("demeaning", demeaning);
        check("spam", spam);
    }

    private static void check(String name, double threshold) {
        if (!(threshold > 0.0 && threshold <= 1.0)) {
            throw new IllegalArgumentException("depesche.moderation.assistant." + name
                    + " must be a number above 0 and at most 1, not " + threshold);
        }
    }
}
