package de.depesche.moderation.assistant;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The off-topic features of the One Million Posts comments that know their article's title. The article
 * is its title and section path (all the set tells about it); the thread is the other comments of the same
 * article in the set (their text only, never their labels).
 */
final class OffTopicData {

    final List<DevelopmentData.Post> posts;
    final List<double[]> features = new ArrayList<>();
    final boolean[] labels;

    OffTopicData(TermAnalyzer analyzer, TermWeights idf) {
        List<DevelopmentData.Post> all = DevelopmentData.onlinePosts();
        Map<String, List<DevelopmentData.Post>> byArticle = all.stream()
                .collect(Collectors.groupingBy(DevelopmentData.Post::article));
        posts = all.stream().filter(DevelopmentData.Post::hasTitle).toList();
        labels = new boolean[posts.size()];
        OffTopicScorer probe = new OffTopicScorer(0, new double[OffTopicScorer.Feature.values().length], idf);
        for (int i = 0; i < posts.size(); i++) {
            DevelopmentData.Post p = posts.get(i);
            Set<String> article = new HashSet<>(analyzer.terms(article(p).title() + "\n" + article(p).text()));
            Set<String> thread = new HashSet<>();
            List<String> threadTexts = thread(p, byArticle);
            for (String t : threadTexts) {
                thread.addAll(analyzer.terms(t));
            }
            features.add(probe.features(article, thread, !threadTexts.isEmpty(), CommentText.of(p.comment()),
                    ModerationAssistant.words(analyzer.terms(CommentText.of(p.comment()).text()))));
            labels[i] = p.offTopic();
        }
    }

    static ArticleContext article(DevelopmentData.Post p) {
        String section = java.util.Arrays.stream(p.section().split("/"))
                .filter(s -> !s.equals("Newsroom"))
                .map(s -> s.replace('_', ' '))
                .collect(Collectors.joining(" "));
        return new ArticleContext(p.title(), section);
    }

    static List<String> thread(DevelopmentData.Post p, Map<String, List<DevelopmentData.Post>> byArticle) {
        return byArticle.getOrDefault(p.article(), List.of()).stream()
                .filter(s -> !s.id().equals(p.id()))
                .limit(ModerationAssistant.MAX_THREAD)
                .map(DevelopmentData.Post::comment)
                .toList();
    }
}
