package de.depesche.moderation.assistant;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import de.depesche.moderation.AssistantThresholds;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Scores a comment against the published policy – off-topic, demeaning – and for spam, each with the words
 * or features that caused the score, and flags what reaches the configured thresholds. It orders and
 * explains the moderation queue; it never publishes or deletes anything.
 *
 * <p>Local and deterministic: the models are read once from the classpath at start, a call does no I/O,
 * and any number of threads may call it at once.
 */
@Service
public class ModerationAssistant {

    /** Thread comments beyond this many are not compared. */
    static final int MAX_THREAD = 50;

    private final TermAnalyzer analyzer;
    private final AssistantThresholds thresholds;
    private final OffTopicScorer offTopic;
    private final DemeaningScorer demeaning;
    private final SpamScorer spam = new SpamScorer();
    /** Analysed article and thread texts: a queue shows many comments under the same article. */
    private final Cache<Object, Set<String>> analysed = Caffeine.newBuilder().maximumSize(5_000).build();

    @Autowired
    public ModerationAssistant(TermAnalyzer analyzer, AssistantThresholds thresholds) {
        this(analyzer, thresholds, readOffTopic(), readDemeaning());
    }

    ModerationAssistant(TermAnalyzer analyzer, AssistantThresholds thresholds, OffTopicScorer offTopic, DemeaningScorer demeaning) {
        this.analyzer = analyzer;
        this.thresholds = thresholds;
        this.offTopic = offTopic;
        this.demeaning = demeaning;
    }

    /**
     * @param article the article the comment is written under
     * @param thread  the texts of the comment's parent and sibling comments, nearest first (may be empty)
     * @param comment the comment's text as the reader wrote it
     */
    public Assessment assess(ArticleContext article, List<String> thread, String comment) {
        CommentText text = CommentText.of(comment == null ? "" : comment);
        List<CommentText> threadTexts = new ArrayList<>();
        Set<String> threadTerms = new HashSet<>();
        for (String t : thread.subList(0, Math.min(thread.size(), MAX_THREAD))) {
            if (t == null || t.isBlank()) {
                continue;
            }
            CommentText other = CommentText.of(t);
            threadTexts.add(other);
            threadTerms.addAll(terms(other.text()));
        }
        Set<String> articleTerms = analysed.get(article, a -> Set.copyOf(analyzer.terms(
                clip(article.title()) + "\n" + clip(article.text()))));
        List<String> commentTerms = words(analyzer.terms(text.text()));

        OffTopicScorer.Verdict o = offTopic.score(articleTerms, threadTerms, !threadTexts.isEmpty(), text, commentTerms,
                thresholds.offTopic());
        DemeaningScorer.Verdict d = demeaning.score(text, thresholds.demeaning());
        SpamScorer.Verdict s = spam.score(text, threadTexts, thresholds.spam());
        return new Assessment(
                Score.of(o.score(), thresholds.offTopic(), o.because()),
                Score.of(d.score(), thresholds.demeaning(), d.because()),
                Score.of(s.score(), thresholds.spam(), s.because()));
    }

    /** Drops the cached analyses of articles and thread comments (for measuring the worst case). */
    void forgetAnalysedTexts() {
        analysed.invalidateAll();
    }

    private Set<String> terms(String text) {
        return analysed.get(text, t -> Set.copyOf(analyzer.terms((String) t)));
    }

    /** Terms with at least one letter: numbers and emojis say nothing about a topic. */
    static List<String> words(List<String> terms) {
        return terms.stream().filter(t -> t.chars().anyMatch(Character::isLetter)).toList();
    }

    private static String clip(String s) {
        return s.length() > 200_000 ? s.substring(0, 200_000) : s;
    }

    static final String DEMEANING_MODEL = "demeaning-model.bin.gz";
    static final String OFF_TOPIC_MODEL = "offtopic-model.properties";
    static final String TERM_WEIGHTS = "term-weights.tsv.gz";

    static DemeaningScorer readDemeaning() {
        try (InputStream in = resource(DEMEANING_MODEL)) {
            return new DemeaningScorer(LinearModel.read(in), DemeaningLexicon.load());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the moderation assistant's " + DEMEANING_MODEL, e);
        }
    }

    static OffTopicScorer readOffTopic() {
        try (InputStream weights = resource(TERM_WEIGHTS); InputStream model = resource(OFF_TOPIC_MODEL)) {
            return OffTopicScorer.read(model, TermWeights.read(weights));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the moderation assistant's off-topic model", e);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = ModerationAssistant.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException(name + " is missing from the classpath (regenerate with bench/moderation-train.sh)");
        }
        return in;
    }
}
