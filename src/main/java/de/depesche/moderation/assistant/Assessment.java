package de.depesche.moderation.assistant;

/**
 * The assistant's view of one comment under the policy "delete comments that are not on the article's
 * topic or that only demean readers or authors", plus spam. It explains; a moderator decides.
 */
public record Assessment(Score offTopic, Score demeaning, Score spam) {

    /**
     * How urgently a moderator should look at the comment, 0.0–1.0, for ordering the queue: every comment
     * with a flag comes before every comment without one; within each group the highest score leads.
     */
    public double risk() {
        double flagged = 0.0;
        double highest = 0.0;
        for (Score s : new Score[] {demeaning, spam, offTopic}) {
            highest = Math.max(highest, s.score());
            if (s.flagged()) {
                flagged = Math.max(flagged, s.score());
            }
        }
        return flagged > 0.0 ? 0.5 + flagged / 2 : highest / 2;
    }

    /** Whether any label is flagged. */
    public boolean flagged() {
        return offTopic.flagged() || demeaning.flagged() || spam.flagged();
    }
}
