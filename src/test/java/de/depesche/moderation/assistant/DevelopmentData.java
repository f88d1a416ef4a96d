package de.depesche.moderation.assistant;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads the labelled development data in {@code ../shared/data} (or {@code -Ddepesche.data=…}) for training
 * and measuring the assistant. The data stays there: it is never copied into the repository.
 */
final class DevelopmentData {

    private DevelopmentData() {}

    /** A GermEval 2018 tweet; {@code offense} is the coarse label OFFENSE. */
    record Tweet(String text, boolean offense, String fine) {}

    /** A One Million Posts comment with its moderators' labels; {@code title} and {@code section} may be empty. */
    record Post(String id, String article, String parent, String title, String section, String headline, String body,
                boolean offTopic, boolean inappropriate, boolean discriminating) {

        String comment() {
            return headline.isBlank() ? body : headline + "\n" + body;
        }

        boolean demeaning() {
            return inappropriate || discriminating;
        }

        boolean hasTitle() {
            return !title.isBlank();
        }
    }

    static Path dir() {
        String configured = System.getProperty("depesche.data", System.getenv("DEPESCHE_DATA"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path candidate : List.of(Path.of("../shared/data"), Path.of("../../shared/data"), Path.of("/work/shared/data"))) {
            if (Files.isRegularFile(candidate.resolve("germeval2018-train.tsv"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("development data not found: pass -Ddepesche.data=/path/to/shared/data");
    }

    static List<Tweet> germEval() {
        List<Tweet> tweets = new ArrayList<>();
        for (String line : lines("germeval2018-train.tsv")) {
            String[] f = line.split("\t");
            if (f.length < 3 || f[0].equals("text")) {
                continue;
            }
            tweets.add(new Tweet(f[0].replace("|LBR|", "\n"), f[1].equals("OFFENSE"), f[2]));
        }
        return tweets;
    }

    static List<Post> onlinePosts() {
        ObjectMapper json = new ObjectMapper();
        List<Post> posts = new ArrayList<>();
        for (String line : lines("omp-comments-dev.jsonl")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = json.readTree(line);
            posts.add(new Post(n.path("id_post").asString(""), n.path("id_article").asString(""),
                    n.path("id_parent_post").asString(""), n.path("article_title").asString(""),
                    n.path("article_path").asString(""), n.path("headline").asString(""), n.path("body").asString(""),
                    n.path("offtopic").asInt() == 1, n.path("inappropriate").asInt() == 1, n.path("discriminating").asInt() == 1));
        }
        return posts;
    }

    /** German news articles of 10kGNAD (topic, text). */
    static List<String[]> newsArticles() {
        List<String[]> articles = new ArrayList<>();
        for (String line : lines("gnad-articles-dev.tsv")) {
            String[] f = line.split("\t", 2);
            if (f.length == 2 && !f[0].equals("topic")) {
                articles.add(f);
            }
        }
        return articles;
    }

    /**
     * Fold (0..k-1) of each row for k-fold cross-validation, stratified by label and fixed by the seed, so
     * every run and every model sees the same split.
     */
    static int[] folds(boolean[] labels, int k, long seed) {
        int[] fold = new int[labels.length];
        Random random = new Random(seed);
        for (boolean label : new boolean[] {true, false}) {
            List<Integer> rows = new ArrayList<>();
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == label) {
                    rows.add(i);
                }
            }
            java.util.Collections.shuffle(rows, random);
            for (int j = 0; j < rows.size(); j++) {
                fold[rows.get(j)] = j % k;
            }
        }
        return fold;
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(dir().resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
