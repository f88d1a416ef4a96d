package de.depesche.moderation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import de.depesche.moderation.assistant.ArticleContext;
import de.depesche.moderation.assistant.Assessment;
import de.depesche.moderation.assistant.ModerationAssistant;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

import static org.assertj.core.api.Assertions.assertThat;

class ModerationReasonsTest {

    private final ModerationReasons reasons = new ModerationReasons(messages());

    private static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource m = new ResourceBundleMessageSource();
        m.setBasename("messages");
        m.setDefaultEncoding("UTF-8");
        m.setFallbackToSystemLocale(false);
        return m;
    }

    @Test
    void featureCodesAreSaidInGermanAndEnglish() {
        assertThat(reasons.describe("article-overlap:0%", Locale.GERMAN)).isEqualTo("Überschneidung mit dem Artikel: 0 %");
        assertThat(reasons.describe("article-overlap:12%", Locale.ENGLISH)).isEqualTo("overlap with the article: 12 %");
        assertThat(reasons.describe("links:3", Locale.GERMAN)).isEqualTo("3 Link(s)");
        assertThat(reasons.describe("forum-talk", Locale.GERMAN)).isEqualTo("redet über Forum oder Moderation");
        assertThat(reasons.describe("addresses-reader", Locale.ENGLISH)).isEqualTo("addresses other readers");
        assertThat(reasons.describe("capitals:85%", Locale.GERMAN)).isEqualTo("85 % Großbuchstaben");
        assertThat(reasons.describe("shortener:bit.ly", Locale.GERMAN)).isEqualTo("Kurzlink (bit.ly)");
        assertThat(reasons.describe("repeated-word:kaufen", Locale.GERMAN)).isEqualTo("wiederholtes Wort „kaufen“");
    }

    @Test
    void quotesFromTheCommentStayQuotes() {
        assertThat(reasons.describe("du Vollidiot", Locale.GERMAN)).isEqualTo("„du Vollidiot“");
        assertThat(reasons.describe("freibad", Locale.ENGLISH)).isEqualTo("\"freibad\"");
        assertThat(reasons.describe("links", Locale.GERMAN)).as("a code without its value is a word").isEqualTo("„links“");
    }

    @Test
    void everyCodeTheAssistantEmitsHasWords() {
        ModerationAssistant assistant = new ModerationAssistant(new de.depesche.search.GermanAnalysis()::terms,
                AssistantThresholds.defaults());
        ArticleContext article = new ArticleContext("Stadtrat beschließt Radwege", "Der Stadtrat hat neue Radwege beschlossen.");
        List<String> all = new ArrayList<>();
        for (String comment : List.of(
                "KAUFEN KAUFEN KAUFEN KAUFEN!!!!!!!! https://bit.ly/x https://a.example https://b.example 0171 1234567 spam@example.org",
                "Hahaha 😂 du da, was soll das hier im Forum? Zensur durch die Moderatoren!", "😂😂😂", "!!!")) {
            Assessment a = assistant.assess(article, List.of("Eine Antwort im Faden.", comment), comment);
            all.addAll(a.offTopic().because());
            all.addAll(a.demeaning().because());
            all.addAll(a.spam().because());
        }
        List<String> codes = all.stream().filter(r -> r.matches("[a-z]+(-[a-z]+)+(:.*)?|[a-z]+:.*")).toList();
        assertThat(codes).anyMatch(c -> c.startsWith("links:")).anyMatch(c -> c.startsWith("article-overlap:"))
                .contains("phone-number", "email-address");
        assertThat(codes).allSatisfy(code -> assertThat(reasons.describe(code, Locale.GERMAN)).doesNotStartWith("„"));
    }
}
