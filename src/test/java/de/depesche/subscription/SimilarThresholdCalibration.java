package de.depesche.subscription;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import de.depesche.DepescheApplication;
import de.depesche.account.AccountManagement;
import de.depesche.account.StaffPrincipal;
import de.depesche.article.Article;
import de.depesche.article.ArticleDraft;
import de.depesche.article.ArticleManagement;
import de.depesche.search.ArticleSearch;
import de.depesche.search.GnadArticles;
import de.depesche.search.GnadArticles.Labelled;
import de.depesche.search.RebuildProgress;
import de.depesche.search.SimilarArticle;
import de.depesche.support.TestDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Calibrates {@code DEPESCHE_SUBSCRIPTIONS_SIMILAR_MIN_SCORE} on the labelled German news articles of
 * {@code shared/data/gnad-articles-dev.tsv}: the articles go into a fresh Depesche through the article
 * module, in the order of the file and with publication times in that order; the search index is built
 * from them, and for each article {@code ArticleSearch.earlierArticlesSimilarTo(article, threshold)} is
 * asked at every threshold, exactly what the similar-news matcher asks when an article is published.
 * A match counts as correct when both articles carry the same topic label.
 *
 * <ul>
 *   <li>precision: correct matches / all matches;</li>
 *   <li>recall: correct matches / all pairs of an article and an earlier one with the same topic (topics are
 *       broad, so recall stays low by nature: it compares thresholds, it is no absolute grade);</li>
 *   <li>matches per article: how many "similar news" notifications one new article causes per subscribed
 *       earlier article, on average.</li>
 * </ul>
 *
 * Deterministic: the index is built in one go after all articles are in (a rebuild, as an operator starts
 * it), so every run asks the same index. Unlike production at the moment of publishing, the word
 * statistics include the articles that come later; only earlier articles can be matched, as there.
 * Run with {@code bench/similar-threshold.sh
 * [file] [articles]}; the second argument takes only the first articles of the file, for a quick look.
 */
public final class SimilarThresholdCalibration {

    private static final double[] TARGETS = {0.8, 0.9};

    record Figures(double threshold, long matches, long correct, long articlesWithMatch) {
        double precision() {
            return matches == 0 ? Double.NaN : correct / (double) matches;
        }
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "../shared/data/gnad-articles-dev.tsv");
        List<Labelled> all = GnadArticles.load(file).articles();
        List<Labelled> labelled = args.length > 1 ? all.subList(0, Math.min(all.size(), Integer.parseInt(args[1]))) : all;
        List<Double> thresholds = new ArrayList<>();
        for (int hundredths = 10; hundredths <= 70; hundredths += 5) {
            thresholds.add(hundredths / 100.0);
        }

        Map<String, Object> settings = new HashMap<>();
        settings.put("server.port", "0");
        settings.put("depesche.scheduler.enabled", "false");
        // Above application.properties, which names some loggers itself: only the figures on the console.
        for (String logger : List.of("root", "com.github.kagkarlsson.scheduler", "org.springframework.modulith")) {
            System.setProperty("logging.level." + logger, "ERROR");
        }
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(DepescheApplication.class)
                .properties(settings).logStartupInfo(false).run()) {
            ArticleManagement articles = app.getBean(ArticleManagement.class);
            ArticleSearch search = app.getBean(ArticleSearch.class);
            AccountManagement accounts = app.getBean(AccountManagement.class);
            StaffPrincipal admin = accounts.findByEmail(TestDatabase.ADMIN_EMAIL).flatMap(m -> accounts.principal(m.id())).orElseThrow();
            waitFor(() -> search.rebuildProgress().state() != RebuildProgress.State.RUNNING, "the first index");

            // Every article, in file order, with publication times a minute apart.
            Instant published = Instant.parse("2025-01-01T06:00:00Z");
            List<Article> imported = new ArrayList<>();
            for (int i = 0; i < labelled.size(); i++) {
                imported.add(articles.importPublished(draft(labelled.get(i)), admin.id(), published.plus(Duration.ofMinutes(i)), admin));
            }
            // One fresh index of all of them, built in one go: the same index, document for document, on every run
            // (an index grown article by article is merged in the background, and its timing would decide ties).
            // First every import's own index update, so that none of them lands in the new index after it.
            waitFor(() -> search.stats().documents() == labelled.size(), "the imports in the index");
            Instant requested = Instant.now();
            waitFor(() -> search.rebuild("calibration"), "a rebuild to start");
            waitFor(() -> {
                RebuildProgress p = search.rebuildProgress();
                return p.state() == RebuildProgress.State.DONE && p.startedAt() != null && !p.startedAt().isBefore(requested);
            }, "the rebuild");
            if (search.stats().documents() != labelled.size()) {
                throw new IllegalStateException("the index holds " + search.stats().documents() + " articles, not " + labelled.size());
            }

            Map<Long, String> topicOf = new HashMap<>();
            for (int i = 0; i < imported.size(); i++) {
                topicOf.put(imported.get(i).id(), labelled.get(i).topic());
            }
            Map<String, Long> seenPerTopic = new HashMap<>();
            long sameTopicPairs = 0;
            long[] matches = new long[thresholds.size()];
            long[] correct = new long[thresholds.size()];
            long[] withMatch = new long[thresholds.size()];
            for (int i = 0; i < imported.size(); i++) {
                String topic = labelled.get(i).topic();
                for (int t = 0; t < thresholds.size(); t++) {
                    List<SimilarArticle> earlier = search.earlierArticlesSimilarTo(imported.get(i).id(), thresholds.get(t));
                    matches[t] += earlier.size();
                    correct[t] += earlier.stream().filter(e -> topic.equals(topicOf.get(e.articleId()))).count();
                    withMatch[t] += earlier.isEmpty() ? 0 : 1;
                }
                sameTopicPairs += seenPerTopic.getOrDefault(topic, 0L);
                seenPerTopic.merge(topic, 1L, Long::sum);
            }

            int n = labelled.size();
            System.out.printf(Locale.ROOT, "articles: %d from %s, %d topics; published in file order, each asked for its similar earlier ones%n",
                    n, file, seenPerTopic.size());
            System.out.printf(Locale.ROOT, "pairs of an article and an earlier one with the same topic (recall base): %d%n", sameTopicPairs);
            System.out.println("threshold  precision  recall  matches/article  correct/matches  articles with a match");
            List<Figures> figures = new ArrayList<>();
            for (int t = 0; t < thresholds.size(); t++) {
                Figures f = new Figures(thresholds.get(t), matches[t], correct[t], withMatch[t]);
                figures.add(f);
                System.out.printf(Locale.ROOT, "%9.2f  %9s  %6.4f  %15.2f  %15s  %d of %d%n", f.threshold(),
                        Double.isNaN(f.precision()) ? "–" : String.format(Locale.ROOT, "%.3f", f.precision()),
                        sameTopicPairs == 0 ? 0 : correct[t] / (double) sameTopicPairs, matches[t] / (double) n,
                        correct[t] + "/" + matches[t], withMatch[t], n);
            }
            for (double target : TARGETS) {
                Figures first = figures.stream().filter(f -> !Double.isNaN(f.precision()) && f.precision() >= target)
                        .findFirst().orElse(null);
                System.out.printf(Locale.ROOT, "precision ≥ %.1f: %s%n", target, first == null ? "not reached up to 0.70"
                        : String.format(Locale.ROOT, "from threshold %.2f (precision %.3f, %.2f matches per article)",
                        first.threshold(), first.precision(), first.matches() / (double) n));
            }
            double standard = Double.parseDouble(SubscriptionProperties.SIMILAR_MIN_SCORE);
            Figures current = figures.stream().filter(f -> Math.abs(f.threshold() - standard) < 1e-9).findFirst().orElseThrow();
            System.out.printf(Locale.ROOT, "default %.2f (DEPESCHE_SUBSCRIPTIONS_SIMILAR_MIN_SCORE): precision %.3f, %.2f matches per article%n",
                    standard, current.precision(), current.matches() / (double) n);
        }
        System.exit(0);
    }

    /** A Depesche article from a labelled one; what does not fit a field's limit moves on to the next field. */
    static ArticleDraft draft(Labelled l) {
        String title = l.title();
        String lead = l.lead();
        String body = l.body();
        if (title.length() > ArticleManagement.TITLE_MAX) {
            int cut = title.lastIndexOf(' ', ArticleManagement.TITLE_MAX - 1);
            cut = cut > 0 ? cut : ArticleManagement.TITLE_MAX;
            lead = (title.substring(cut).strip() + " " + lead).strip();
            title = title.substring(0, cut).strip();
        }
        if (lead.length() > ArticleManagement.LEAD_MAX) {
            int cut = lead.lastIndexOf(' ', ArticleManagement.LEAD_MAX - 1);
            cut = cut > 0 ? cut : ArticleManagement.LEAD_MAX;
            body = (lead.substring(cut).strip() + "\n\n" + body).strip();
            lead = lead.substring(0, cut).strip();
        }
        return new ArticleDraft(title, null, null, lead, body, List.of(), List.of(), null, null, null, null, null);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gave up waiting for " + what);
            }
            Thread.sleep(2);
        }
    }
}
