package de.depesche.moderation.assistant;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
    /**
     * Analysed article and thread texts, for a queue shows many comments under the same article. Keyed by a
     * SHA-256 of the text, never the text itself (articles from the staff API may be 200 000 characters), and
     * bounded by the estimated bytes of the term sets, so that no caller can fill the heap with it.
     */
    private final Cache<TextKey, Set<String>> analysed;

    /** The memory the analysed-text cache may take, in (estimated) bytes. */
    static final long CACHE_BYTES = 32L * 1024 * 1024;

    @Autowired
    public ModerationAssistant(TermAnalyzer analyzer, AssistantThresholds thresholds) {
        this(analyzer, thresholds, readOffTopic(), readDemeaning(), CACHE_BYTES);
    }

    ModerationAssistant(TermAnalyzer analyzer, AssistantThresholds thresholds, long cacheBytes) {
        this(analyzer, thresholds, readOffTopic(), readDemeaning(), cacheBytes);
    }

    ModerationAssistant(TermAnalyzer analyzer, AssistantThresholds thresholds, OffTopicScorer offTopic, DemeaningScorer demeaning,
                        long cacheBytes) {
        this.analyzer = analyzer;
        this.thresholds = thresholds;
        this.offTopic = offTopic;
        this.demeaning = demeaning;
        this.analysed = Caffeine.newBuilder().maximumWeight(cacheBytes)
                .weigher((TextKey key, Set<String> terms) -> weight(terms))
                .executor(Runnable::run)
                .build();
    }

    /** A text's SHA-256 as the cache key. */
    record TextKey(long a, long b, long c, long d) {

        static TextKey of(String kind, String... parts) {
            MessageDigest sha;
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            sha.update(kind.getBytes(StandardCharsets.UTF_8));
            for (String part : parts) {
                sha.update((byte) 0);
                sha.update(part.getBytes(StandardCharsets.UTF_8));
            }
            ByteBuffer d = ByteBuffer.wrap(sha.digest());
            return new TextKey(d.getLong(), d.getLong(), d.getLong(), d.getLong());
        }
    }

    /** Estimated bytes of a cached term set: key and entry, and per term a string with its characters and a slot. */
    static int weight(Set<String> terms) {
        long bytes = 160;
        for (String t : terms) {
            bytes += 64 + t.length();
        }
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }

    /** The estimated bytes the cache holds now. */
    long cachedBytes() {
        analysed.cleanUp();
        return analysed.policy().eviction().orElseThrow().weightedSize().orElse(0L);
    }

    long cachedTexts() {
        analysed.cleanUp();
        return analysed.estimatedSize();
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
        String title = clip(article.title());
        String articleText = clip(article.text());
        Set<String> articleTerms = analysed.get(TextKey.of("article", title, articleText),
                k -> Set.copyOf(analyzer.terms(title + "\n" + articleText)));
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
        return analysed.get(TextKey.of("thread", text), k -> Set.copyOf(analyzer.terms(text)));
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
