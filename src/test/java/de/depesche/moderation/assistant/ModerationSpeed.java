package de.depesche.moderation.assistant;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import de.depesche.moderation.AssistantThresholds;

/**
 * Comments scored per second on one thread (bench/moderation-speed.sh pins the JVM to one core). The
 * comments are the development data's 6 800 tweets and reader comments; tweets are put under the 10kGNAD
 * news articles (full text) in turn, reader comments under their own article title with their thread.
 * Two figures: a queue (articles repeat, so their analysis is cached, as in production) and the worst case
 * where every comment comes with an article the assistant has never seen.
 */
final class ModerationSpeed {

    private static final double TARGET = 2_000;

    record Job(ArticleContext article, List<String> thread, String comment) {}

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        List<Job> jobs = jobs();
        ModerationAssistant assistant = new ModerationAssistant(new de.depesche.search.GermanAnalysis()::terms, AssistantThresholds.defaults());
        long chars = jobs.stream().mapToLong(j -> j.comment().length()).sum();
        System.out.printf(Locale.ROOT, "%d comments (mean %d characters), one thread, %s%n", jobs.size(), chars / jobs.size(),
                Runtime.version());
        // Warm-up: let the JIT compile the hot paths before measuring.
        long sink = 0;
        long warmUntil = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < warmUntil) {
            sink += run(assistant, jobs, false);
        }
        double queue = measure(assistant, jobs, seconds, false);
        double cold = measure(assistant, jobs, Math.max(2, seconds / 2), true);
        System.out.printf(Locale.ROOT, "queue (articles cached):        %,.0f comments/s  = %.2f × the target of %,.0f/s%n", queue, queue / TARGET, TARGET);
        System.out.printf(Locale.ROOT, "worst case (article new each): %,.0f comments/s  = %.2f × the target%n", cold, cold / TARGET);
        if (sink == 42) {
            System.out.println();
        }
    }

    private static double measure(ModerationAssistant assistant, List<Job> jobs, double seconds, boolean coldArticles) {
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long done = 0;
        while (System.nanoTime() < end) {
            run(assistant, jobs, coldArticles);
            done += jobs.size();
        }
        return done / ((System.nanoTime() - start) / 1e9);
    }

    private static long run(ModerationAssistant assistant, List<Job> jobs, boolean coldArticles) {
        long flagged = 0;
        int n = 0;
        for (Job j : jobs) {
            // A new ArticleContext with a distinct title is a cache miss: title and text are analysed again.
            ArticleContext article = coldArticles ? new ArticleContext(j.article().title() + " " + (n++), j.article().text()) : j.article();
            Assessment a = assistant.assess(article, j.thread(), j.comment());
            flagged += a.flagged() ? 1 : 0;
        }
        if (coldArticles) {
            assistant.forgetAnalysedTexts();
        }
        return flagged;
    }

    static List<Job> jobs() {
        List<String[]> news = DevelopmentData.newsArticles();
        List<Job> jobs = new ArrayList<>();
        int k = 0;
        for (DevelopmentData.Tweet t : DevelopmentData.germEval()) {
            String[] a = news.get(k++ % news.size());
            String text = a[1];
            int sentence = text.indexOf(". ");
            String title = sentence > 0 && sentence < 120 ? text.substring(0, sentence) : text.substring(0, Math.min(80, text.length()));
            jobs.add(new Job(new ArticleContext(title, text), List.of(), t.text()));
        }
        List<DevelopmentData.Post> posts = DevelopmentData.onlinePosts();
        Map<String, List<DevelopmentData.Post>> byArticle = posts.stream().collect(Collectors.groupingBy(DevelopmentData.Post::article));
        for (DevelopmentData.Post p : posts) {
            List<String> thread = OffTopicData.thread(p, byArticle);
            jobs.add(new Job(OffTopicData.article(p), thread.subList(0, Math.min(5, thread.size())), p.comment()));
        }
        return jobs;
    }
}
