package de.depesche.moderation.assistant;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * The off-topic score: how much of what a comment talks about (its terms, weighted by how telling they
 * are) also occurs in the article and in its thread, together with signs of side talk (addressing other
 * readers, talk about the forum, laughter). A logistic regression over these few features, calibrated on
 * labelled comments; every feature is named in the reasons.
 */
final class OffTopicScorer {

    /**
     * The features, each with the direction it may push the score (+1 toward off-topic, −1 away, 0 either):
     * training keeps every weight on its side, so that no reason shown to a moderator argues backwards.
     */
    enum Feature {
        /** Share of the comment's term weight that the article's title and text also contain. */
        ARTICLE_COVERAGE(-1),
        /** log(1 + summed weight of the terms the comment shares with the article or the thread). */
        SHARED(-1),
        /** Share of the comment's term weight that the thread also contains. */
        THREAD_COVERAGE(-1),
        /** 1 when there is a thread to compare with. */
        HAS_THREAD(0),
        /** log(1 + distinct terms of the comment). */
        LENGTH(0),
        /** 1 when the comment shares no term with article or thread. */
        NOTHING_SHARED(1),
        /** Addresses another reader: du, dich, euch, @name … */
        ADDRESSES_READER(1),
        QUESTION(1),
        /** Talks about the forum, the moderation or trolls rather than the subject. */
        FORUM_TALK(1),
        /** Laughter, "lol", emojis. */
        LAUGHTER(1),
        /** No term at all (only emojis, punctuation, numbers). */
        NO_TERMS(1),
        /**
         * Speaks of the article itself: "der Artikel", "die Autorin", "gut recherchiert". Set by hand, not
         * fitted: by the policy's wording such a comment is on the article's topic, and the development data
         * (title only) cannot show it.
         */
        ABOUT_ARTICLE(-1, -1.5);

        final int sign;
        /** A weight set by hand that training leaves alone, or NaN. */
        final double fixed;

        Feature(int sign) {
            this(sign, Double.NaN);
        }

        Feature(int sign, double fixed) {
            this.sign = sign;
            this.fixed = fixed;
        }
    }

    private static final Set<String> SECOND_PERSON = Set.of("du", "dich", "dir", "dein", "deine", "deinen", "deiner",
            "deinem", "euch", "euer", "eure", "euren", "@user");
    private static final Set<String> FORUM = Set.of("forum", "forums", "posting", "postings", "poster", "posterin",
            "poste", "postet", "gepostet", "moderator", "moderatoren", "moderation", "zensur", "zensiert", "troll",
            "trolle", "trollen", "offtopic", "ot", "thema", "themenverfehlung", "kommentar", "kommentare", "user",
            "forumsregeln", "red", "redaktion", "gelöscht", "geloescht");
    private static final Set<String> ARTICLE_WORDS = Set.of("artikel", "artikels", "beitrag", "beitrags", "bericht",
            "berichts", "berichterstattung", "autor", "autorin", "autors", "reportage", "interview", "kolumne",
            "analyse", "recherche", "recherchiert", "geschrieben", "headline", "ueberschrift", "titel", "text");
    private static final Set<String> LAUGHTER = Set.of("haha", "hahaha", "hihi", "lol", "xd", "rofl", "lmao", "hehe", "gg");

    private final double bias;
    private final double[] weights;
    private final TermWeights idf;

    OffTopicScorer(double bias, double[] weights, TermWeights idf) {
        if (weights.length != Feature.values().length) {
            throw new IllegalArgumentException("expected " + Feature.values().length + " weights");
        }
        this.bias = bias;
        this.weights = weights.clone();
        this.idf = idf;
    }

    record Verdict(double score, List<String> because) {}

    Verdict score(Set<String> article, Set<String> thread, boolean hasThread, CommentText comment,
                  List<String> commentTerms, double threshold) {
        double[] x = features(article, thread, hasThread, comment, commentTerms);
        double score = LinearModel.sigmoid(logit(x));
        if (score < threshold / 2) {
            return new Verdict(score, List.of());
        }
        return new Verdict(score, reasons(x, article, thread, comment, commentTerms));
    }

    double logit(double[] x) {
        double z = bias;
        for (int i = 0; i < x.length; i++) {
            z += weights[i] * x[i];
        }
        return z;
    }

    double[] features(Set<String> article, Set<String> thread, boolean hasThread, CommentText comment,
                      List<String> commentTerms) {
        double[] x = new double[Feature.values().length];
        Set<String> terms = new LinkedHashSet<>(commentTerms);
        double total = 0;
        double inArticle = 0;
        double inThread = 0;
        double shared = 0;
        for (String t : terms) {
            double w = idf.of(t);
            total += w;
            boolean a = article.contains(t);
            boolean b = thread.contains(t);
            inArticle += a ? w : 0;
            inThread += b ? w : 0;
            shared += a || b ? w : 0;
        }
        x[Feature.ARTICLE_COVERAGE.ordinal()] = total == 0 ? 0 : inArticle / total;
        x[Feature.SHARED.ordinal()] = Math.log1p(shared);
        x[Feature.THREAD_COVERAGE.ordinal()] = total == 0 ? 0 : inThread / total;
        x[Feature.HAS_THREAD.ordinal()] = hasThread ? 1 : 0;
        x[Feature.LENGTH.ordinal()] = Math.log1p(terms.size());
        x[Feature.NOTHING_SHARED.ordinal()] = total > 0 && inArticle == 0 && inThread == 0 ? 1 : 0;
        x[Feature.NO_TERMS.ordinal()] = terms.isEmpty() ? 1 : 0;
        boolean emoji = false;
        for (CommentText.Token t : comment.tokens()) {
            String n = t.norm();
            if (SECOND_PERSON.contains(n)) {
                x[Feature.ADDRESSES_READER.ordinal()] = 1;
            }
            if (ARTICLE_WORDS.contains(n)) {
                x[Feature.ABOUT_ARTICLE.ordinal()] = 1;
            }
            if (FORUM.contains(n)) {
                x[Feature.FORUM_TALK.ordinal()] = 1;
            }
            if (LAUGHTER.contains(n) || t.kind() == CommentText.Kind.EMOJI) {
                emoji = true;
            }
        }
        x[Feature.LAUGHTER.ordinal()] = emoji ? 1 : 0;
        x[Feature.QUESTION.ordinal()] = comment.text().indexOf('?') >= 0 ? 1 : 0;
        return x;
    }

    private List<String> reasons(double[] x, Set<String> article, Set<String> thread, CommentText comment,
                                 List<String> commentTerms) {
        List<String> because = new ArrayList<>();
        because.add(String.format(Locale.ROOT, "article-overlap:%d%%", Math.round(100 * x[Feature.ARTICLE_COVERAGE.ordinal()])));
        if (x[Feature.HAS_THREAD.ordinal()] > 0) {
            because.add(String.format(Locale.ROOT, "thread-overlap:%d%%", Math.round(100 * x[Feature.THREAD_COVERAGE.ordinal()])));
        }
        if (x[Feature.NO_TERMS.ordinal()] > 0) {
            because.add("no-words");
        }
        for (Feature f : List.of(Feature.ADDRESSES_READER, Feature.FORUM_TALK, Feature.LAUGHTER, Feature.QUESTION)) {
            if (x[f.ordinal()] > 0 && weights[f.ordinal()] > 0) {
                because.add(f.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            }
        }
        // The comment's most telling terms that the article and thread do not share: what it is about instead.
        commentTerms.stream().distinct()
                .filter(t -> !article.contains(t) && !thread.contains(t) && t.length() > 2 && t.chars().allMatch(Character::isLetter))
                .sorted(Comparator.comparingDouble((String t) -> -idf.of(t)))
                .limit(3)
                .forEach(because::add);
        return because;
    }

    static OffTopicScorer read(InputStream in, TermWeights idf) throws IOException {
        Properties p = new Properties();
        p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        double[] w = new double[Feature.values().length];
        for (Feature f : Feature.values()) {
            w[f.ordinal()] = Double.parseDouble(p.getProperty(f.name(), "0"));
        }
        return new OffTopicScorer(Double.parseDouble(p.getProperty("BIAS", "0")), w, idf);
    }

    void write(OutputStream out, String comment) throws IOException {
        StringBuilder s = new StringBuilder();
        for (String line : comment.split("\n")) {
            s.append("# ").append(line).append('\n');
        }
        s.append("BIAS=").append(bias).append('\n');
        for (Feature f : Feature.values()) {
            s.append(f.name()).append('=').append(weights[f.ordinal()]).append('\n');
        }
        out.write(s.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Fits the weights by projected gradient descent on the logistic loss with a little L2, from a zero start. */
    static OffTopicScorer train(List<double[]> x, boolean[] y, TermWeights idf, double l2, boolean balanced) {
        int d = Feature.values().length;
        double[] w = new double[d];
        for (Feature f : Feature.values()) {
            w[f.ordinal()] = Double.isNaN(f.fixed) ? 0 : f.fixed;
        }
        double b = 0;
        double positives = 0;
        for (boolean v : y) {
            positives += v ? 1 : 0;
        }
        double positiveWeight = balanced ? (y.length - positives) / Math.max(1, positives) : 1.0;
        double rate = 0.5;
        for (int iteration = 0; iteration < 3000; iteration++) {
            double[] g = new double[d];
            double gb = 0;
            double norm = 0;
            for (int i = 0; i < y.length; i++) {
                double z = b;
                for (int j = 0; j < d; j++) {
                    z += w[j] * x.get(i)[j];
                }
                double weight = y[i] ? positiveWeight : 1.0;
                double err = (LinearModel.sigmoid(z) - (y[i] ? 1 : 0)) * weight;
                norm += weight;
                for (int j = 0; j < d; j++) {
                    g[j] += err * x.get(i)[j];
                }
                gb += err;
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isNaN(Feature.values()[j].fixed)) {
                    continue;
                }
                w[j] -= rate * (g[j] / norm + l2 * w[j]);
                int sign = Feature.values()[j].sign;
                if (sign != 0 && w[j] * sign < 0) {
                    w[j] = 0;
                }
            }
            b -= rate * gb / norm;
        }
        return new OffTopicScorer(b, w, idf);
    }

    double[] weights() {
        return weights.clone();
    }

    double bias() {
        return bias;
    }
}
