package de.depesche.moderation;

import java.util.List;

/** Scores a comment against the published policy, given its article and the thread it answers. */
interface CommentAssessor {

    RiskAssessment assess(String articleTitle, String articleText, List<String> thread, String comment);
}
