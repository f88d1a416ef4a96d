package de.depesche.search;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The labelled German news articles in {@code shared/data/gnad-articles-dev.tsv}, shaped like Depesche
 * articles: the first sentence of the teaser becomes the title, the rest of it the lead, the text after
 * the dateline ("Wien – ") the body. Measuring data only; never copied into the repository. Also read
 * by the subscription module's threshold calibration.
 */
public record GnadArticles(List<Labelled> articles) {

    public record Labelled(String topic, String title, String lead, String body) {
        String text() {
            return title + " " + lead + " " + body;
        }

        IndexedArticle indexed(long id, Instant published) {
            return new IndexedArticle(id, title, "gnad-" + id, lead, body, List.of(), List.of(), List.of(), "",
                    published, published);
        }
    }

    static final Path DEFAULT = Path.of(System.getProperty("depesche.bench.data", "../shared/data/gnad-articles-dev.tsv"));

    private static final Pattern DATELINE = Pattern.compile("\\s([A-ZÄÖÜ][\\p{L}.\\- /]{1,40}) – ");
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?:](?=\\s+[\"„A-ZÄÖÜ0-9])");

    public static GnadArticles load(Path file) throws IOException {
        List<Labelled> result = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            int tab = line.indexOf('\t');
            if (tab < 0) {
                continue;
            }
            String topic = line.substring(0, tab);
            String text = line.substring(tab + 1).strip();
            if (text.startsWith("\"") && text.endsWith("\"")) {
                text = text.substring(1, text.length() - 1).replace("\"\"", "\"");
            }
            String teaser = text;
            String body = "";
            Matcher d = DATELINE.matcher(text);
            if (d.find() && d.start() < 600) {
                teaser = text.substring(0, d.start()).strip();
                body = text.substring(d.end()).strip();
            }
            String title = teaser;
            String lead = "";
            Matcher s = SENTENCE_END.matcher(teaser);
            if (s.find()) {
                title = teaser.substring(0, s.end()).strip();
                lead = teaser.substring(s.end()).strip();
            }
            result.add(new Labelled(topic, title, lead, body));
        }
        return new GnadArticles(result);
    }
}
