package de.depesche.moderation.assistant;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import de.depesche.moderation.AssistantThresholds;

/**
 * Precision, recall, F1 and confusion matrices of the assistant on the development data, with the
 * references of the issue computed in the same run (bench/moderation-quality.sh). Everything the assistant
 * learns from a data set is scored by 5-fold cross-validation on that data set; the folds are fixed.
 */
final class ModerationQuality {

    private static final int FOLDS = 5;
    private static final double TARGET_DEMEANING_F1 = 0.65;
    private static final double TARGET_OFF_TOPIC_F1 = 0.45;

    public static void main(String[] args) throws IOException {
        AssistantThresholds thresholds = AssistantThresholds.defaults();
        System.out.printf(Locale.ROOT, "Moderation assistant quality on %s (thresholds: off-topic %.2f, demeaning %.2f)%n%n",
                DevelopmentData.dir().toAbsolutePath().normalize(), thresholds.offTopic(), thresholds.demeaning());
        double germEvalF1 = germEval(thresholds.demeaning());
        onlinePostsDemeaning(thresholds.demeaning());
        double offTopicF1 = offTopic(thresholds.offTopic());
        System.out.printf(Locale.ROOT, "%nSummary: demeaning F1 %.3f on GermEval (target ≥ %.2f: %s), off-topic F1 %.3f on OMP posts with title (target ≥ %.2f: %s)%n",
                germEvalF1, TARGET_DEMEANING_F1, germEvalF1 >= TARGET_DEMEANING_F1 ? "met" : "NOT met",
                offTopicF1, TARGET_OFF_TOPIC_F1, offTopicF1 >= TARGET_OFF_TOPIC_F1 ? "met" : "NOT met");
    }

    /** Demeaning = GermEval OFFENSE, 5-fold CV of the whole scorer (model trained on the other folds, word list, floors). */
    static double germEval(double threshold) {
        List<DevelopmentData.Tweet> tweets = DevelopmentData.germEval();
        boolean[] y = new boolean[tweets.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = tweets.get(i).offense();
        }
        int[] fold = DevelopmentData.folds(y, FOLDS, 42);
        DemeaningLexicon lexicon = DemeaningLexicon.load();
        double[] assistant = new double[y.length];
        double[] modelOnly = new double[y.length];
        double[] lexiconOnly = new double[y.length];
        Confusion bayes = new Confusion();
        Confusion bayesWords = new Confusion();
        for (int f = 0; f < FOLDS; f++) {
            List<DevelopmentData.Tweet> train = new ArrayList<>();
            WordBigramNaiveBayes nb = new WordBigramNaiveBayes(false);
            WordBigramNaiveBayes nbWords = new WordBigramNaiveBayes(true);
            for (int i = 0; i < y.length; i++) {
                if (fold[i] != f) {
                    train.add(tweets.get(i));
                    nb.learn(tweets.get(i).text(), y[i]);
                    nbWords.learn(tweets.get(i).text(), y[i]);
                }
            }
            LinearModel model = ModerationTraining.demeaningModel(train, LinearModel.Training.defaults());
            DemeaningScorer scorer = new DemeaningScorer(model, lexicon);
            for (int i = 0; i < y.length; i++) {
                if (fold[i] == f) {
                    CommentText text = CommentText.of(tweets.get(i).text());
                    assistant[i] = scorer.score(text, threshold).score();
                    modelOnly[i] = scorer.probability(text);
                    lexiconOnly[i] = lexicon.find(text.tokens()).isEmpty() ? 0 : 1;
                    bayes.add(nb.positive(tweets.get(i).text()), y[i]);
                    bayesWords.add(nbWords.positive(tweets.get(i).text()), y[i]);
                }
            }
        }
        Confusion c = Confusion.of(assistant, y, threshold);
        System.out.printf(Locale.ROOT, "== Demeaning on GermEval 2018 (%d tweets, %d OFFENSE), %d-fold cross-validation ==%n",
                y.length, ModerationTraining.count(y), FOLDS);
        System.out.println("assistant (model + word list): " + c.summary());
        System.out.println(c.matrix("OFFENSE"));
        System.out.println("  model alone:                 " + Confusion.of(modelOnly, y, threshold).summary());
        System.out.println("  word list alone (any match): " + Confusion.of(lexiconOnly, y, 0.5).summary());
        System.out.println("reference word-bigram naive Bayes (same folds):         " + bayes.summary() + "   (issue: F1 ≈ 0.54)");
        System.out.println("          naive Bayes on words + bigrams (same folds): " + bayesWords.summary());
        System.out.printf(Locale.ROOT, "F1 ratio assistant / word-bigram naive Bayes: %.2f; / words + bigrams: %.2f%n",
                c.f1() / bayes.f1(), c.f1() / bayesWords.f1());
        Map<String, int[]> byFine = new TreeMap<>();
        for (int i = 0; i < y.length; i++) {
            int[] n = byFine.computeIfAbsent(tweets.get(i).fine(), k -> new int[2]);
            n[0] += assistant[i] >= threshold ? 1 : 0;
            n[1]++;
        }
        byFine.forEach((fine, n) -> System.out.printf(Locale.ROOT, "  flagged among %-9s %4d / %4d (%.0f %%)%n", fine, n[0], n[1], 100.0 * n[0] / n[1]));
        thresholdTable(assistant, y);
        System.out.println();
        return c.f1();
    }

    /** Demeaning on One Million Posts (inappropriate or discriminating): the shipped model never saw these rows. */
    static void onlinePostsDemeaning(double threshold) throws IOException {
        List<DevelopmentData.Post> posts = DevelopmentData.onlinePosts();
        DemeaningScorer scorer = ModerationAssistant.readDemeaning();
        WordBigramNaiveBayes nb = new WordBigramNaiveBayes(false);
        for (DevelopmentData.Tweet t : DevelopmentData.germEval()) {
            nb.learn(t.text(), t.offense());
        }
        boolean[] y = new boolean[posts.size()];
        double[] s = new double[posts.size()];
        Confusion bayes = new Confusion();
        Confusion inappropriate = new Confusion();
        Confusion discriminating = new Confusion();
        for (int i = 0; i < posts.size(); i++) {
            DevelopmentData.Post p = posts.get(i);
            y[i] = p.demeaning();
            s[i] = scorer.score(CommentText.of(p.comment()), threshold).score();
            bayes.add(nb.positive(p.comment()), y[i]);
            inappropriate.add(s[i] >= threshold, p.inappropriate());
            discriminating.add(s[i] >= threshold, p.discriminating());
        }
        Confusion c = Confusion.of(s, y, threshold);
        System.out.printf(Locale.ROOT, "== Demeaning on One Million Posts (%d comments, %d inappropriate or discriminating), shipped model (trained on GermEval only) ==%n",
                y.length, ModerationTraining.count(y));
        System.out.println("assistant: " + c.summary());
        System.out.println(c.matrix("demeaning"));
        System.out.println("  against 'inappropriate' alone:   " + inappropriate.summary());
        System.out.println("  against 'discriminating' alone:  " + discriminating.summary());
        System.out.println("reference word-bigram naive Bayes (trained on GermEval): " + bayes.summary());
        thresholdTable(s, y);
        System.out.println(inDomain(posts, y, threshold));
        System.out.println();
    }

    /**
     * For comparison only (not shipped, the set is for evaluation): the same scorer trained on GermEval plus
     * four fifths of these comments, scored on the fifth, by 5-fold cross-validation.
     */
    private static String inDomain(List<DevelopmentData.Post> posts, boolean[] y, double threshold) {
        List<DevelopmentData.Tweet> germEval = DevelopmentData.germEval();
        int[] fold = DevelopmentData.folds(y, FOLDS, 42);
        double[] s = new double[y.length];
        DemeaningLexicon lexicon = DemeaningLexicon.load();
        for (int f = 0; f < FOLDS; f++) {
            List<DevelopmentData.Tweet> train = new ArrayList<>(germEval);
            for (int i = 0; i < y.length; i++) {
                if (fold[i] != f) {
                    train.add(new DevelopmentData.Tweet(posts.get(i).comment(), y[i], ""));
                }
            }
            DemeaningScorer scorer = new DemeaningScorer(ModerationTraining.demeaningModel(train, LinearModel.Training.defaults()), lexicon);
            for (int i = 0; i < y.length; i++) {
                if (fold[i] == f) {
                    s[i] = scorer.score(CommentText.of(posts.get(i).comment()), threshold).score();
                }
            }
        }
        return "  for comparison, trained on GermEval + these comments (5-fold CV, not shipped): " + Confusion.of(s, y, threshold).summary();
    }

    /** Off-topic on the OMP posts with their article's title: 5-fold CV of the off-topic weights. */
    static double offTopic(double threshold) throws IOException {
        TermAnalyzer analyzer = new de.depesche.search.GermanAnalysis()::terms;
        TermWeights idf;
        try (InputStream in = ModerationAssistant.class.getResourceAsStream(ModerationAssistant.TERM_WEIGHTS)) {
            idf = TermWeights.read(in);
        }
        OffTopicData data = new OffTopicData(analyzer, idf);
        boolean[] y = data.labels;
        int[] fold = DevelopmentData.folds(y, FOLDS, 7);
        double[] s = new double[y.length];
        for (int f = 0; f < FOLDS; f++) {
            List<double[]> tx = new ArrayList<>();
            List<Boolean> ty = new ArrayList<>();
            for (int i = 0; i < y.length; i++) {
                if (fold[i] != f) {
                    tx.add(data.features.get(i));
                    ty.add(y[i]);
                }
            }
            boolean[] labels = new boolean[ty.size()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = ty.get(i);
            }
            OffTopicScorer model = ModerationTraining.offTopicModel(tx, labels, idf);
            for (int i = 0; i < y.length; i++) {
                if (fold[i] == f) {
                    s[i] = LinearModel.sigmoid(model.logit(data.features.get(i)));
                }
            }
        }
        Confusion c = Confusion.of(s, y, threshold);
        Confusion all = new Confusion();
        for (boolean b : y) {
            all.add(true, b);
        }
        Confusion allPosts = new Confusion();
        for (DevelopmentData.Post p : DevelopmentData.onlinePosts()) {
            allPosts.add(true, p.offTopic());
        }
        System.out.printf(Locale.ROOT, "== Off-topic on One Million Posts comments with their article's title (%d, %d off-topic), %d-fold cross-validation ==%n",
                y.length, ModerationTraining.count(y), FOLDS);
        System.out.println("assistant: " + c.summary());
        System.out.println(c.matrix("off-topic"));
        System.out.println("reference 'every comment off-topic' on these posts: " + all.summary());
        System.out.println("reference 'every comment off-topic' on all " + allPosts.total() + " posts: " + allPosts.summary());
        System.out.printf(Locale.ROOT, "F1 ratio assistant / all-off-topic (same posts): %.2f%n", c.f1() / all.f1());
        thresholdTable(s, y);
        return c.f1();
    }

    private static void thresholdTable(double[] scores, boolean[] y) {
        StringBuilder line = new StringBuilder("  other thresholds:");
        for (double t : new double[] {0.3, 0.4, 0.5, 0.6, 0.7, 0.8}) {
            Confusion c = Confusion.of(scores, y, t);
            line.append(String.format(Locale.ROOT, "  %.1f→P %.2f R %.2f F1 %.2f", t, c.precision(), c.recall(), c.f1()));
        }
        System.out.println(line);
    }
}
