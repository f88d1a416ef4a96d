package de.depesche.moderation.assistant;

import java.util.List;
import java.util.stream.IntStream;

import de.depesche.moderation.AssistantThresholds;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a moderator would expect of the assistant, with the shipped models and word list. */
class ModerationAssistantTest {

    private static final TermAnalyzer TERMS = new de.depesche.search.GermanAnalysis()::terms;
    private static final ModerationAssistant assistant = new ModerationAssistant(TERMS, AssistantThresholds.defaults());

    private static final ArticleContext DRONES = new ArticleContext(
            "NATO-Verteidigungsminister beraten über Drohnenabwehr an der Ostflanke",
            """
            BRÜSSEL – Die Verteidigungsminister der NATO haben am Donnerstag über einen gemeinsamen Schutzschirm gegen
            Drohnen beraten. Nach mehreren Luftraumverletzungen in Polen und im Baltikum sollen Radaranlagen,
            Störsender und Abfangdrohnen entlang der Ostflanke vernetzt werden. Die Kosten des Programms sind umstritten:
            Mehrere Mitgliedstaaten verlangen, dass die Europäische Union einen Teil der Rüstungsausgaben übernimmt.
            Der Generalsekretär sprach von einer Aufgabe für die nächsten Jahre.""");

    private static Assessment assess(String comment) {
        return assistant.assess(DRONES, List.of(), comment);
    }

    @Test
    void flagsAClearInsultAndNamesTheInsultingWord() {
        Assessment a = assess("Du bist ein erbärmlicher Vollidiot, halt einfach die Fresse.");
        assertThat(a.demeaning().flagged()).isTrue();
        assertThat(a.demeaning().score()).isGreaterThanOrEqualTo(0.7);
        assertThat(a.demeaning().because()).anySatisfy(reason -> assertThat(reason).contains("Vollidiot"));
    }

    @Test
    void doesNotFlagASharpButFactualDisagreement() {
        Assessment a = assess("""
                Da liegen Sie falsch: Die Drohnenabwehr an der Ostflanke kostet laut Haushaltsplan deutlich mehr als im
                Artikel genannt, und die Mitgliedstaaten haben das schon 2023 kritisiert. Das sollte man erwähnen.""");
        assertThat(a.demeaning().flagged()).isFalse();
        assertThat(a.spam().flagged()).isFalse();
        assertThat(a.offTopic().flagged()).isFalse();
        assertThat(a.flagged()).isFalse();
    }

    @Test
    void flagsAThreatAndADehumanisingSlurWhateverTheModelSays() {
        Assessment threat = assess("Leute wie dich gehören aufgehängt.");
        assertThat(threat.demeaning().score()).isGreaterThanOrEqualTo(0.8);
        assertThat(threat.demeaning().because()).first().asString().contains("gehören aufgehängt");

        Assessment vermin = assess("Dieses Pack ist Ungeziefer und gehört nicht hierher.");
        assertThat(vermin.demeaning().flagged()).isTrue();
        assertThat(vermin.demeaning().because()).anySatisfy(reason -> assertThat(reason).containsIgnoringCase("Ungeziefer"));
    }

    @Test
    void flagsALinkFarmAsSpamWithItsLinks() {
        Assessment a = assess("""
                Geld verdienen von zu Hause!!! http://bit.ly/3xYz http://reich-werden.example.xyz/start
                www.schnell-reich.top Schreib mir auf WhatsApp: +49 151 23456789""");
        assertThat(a.spam().flagged()).isTrue();
        assertThat(a.spam().score()).isGreaterThan(0.9);
        assertThat(a.spam().because()).contains("links:3", "shortener:bit.ly", "phone-number", "Geld verdienen");
        assertThat(a.demeaning().flagged()).isFalse();
    }

    @Test
    void aSingleSourceLinkIsNotSpam() {
        Assessment a = assess("Die Zahlen zu den Abfangdrohnen stehen hier: https://www.nato.int/cps/en/natohq/topics.htm");
        assertThat(a.spam().flagged()).isFalse();
        assertThat(a.spam().score()).isLessThan(0.5);
    }

    @Test
    void flagsACopyOfAThreadCommentAsSpam() {
        String earlier = "Wer wissen will, wie man mit Drohnen richtig Geld macht, sollte sich bei mir melden, ich erkläre alles.";
        Assessment a = assistant.assess(DRONES, List.of("Ganz anderer Kommentar.", earlier), earlier);
        assertThat(a.spam().because()).contains("thread-duplicate");
        assertThat(a.spam().flagged()).isTrue();
    }

    @Test
    void aCommentOnTheArticlesTopicIsNotOffTopicButAnUnrelatedOneIs() {
        Assessment onTopic = assess("Die Abfangdrohnen und Störsender an der Ostflanke sind überfällig, aber wer zahlt die Radaranlagen?");
        Assessment unrelated = assess("Weiß jemand, wann das Freibad wieder aufmacht? lol");
        assertThat(onTopic.offTopic().flagged()).isFalse();
        assertThat(unrelated.offTopic().flagged()).isTrue();
        assertThat(unrelated.offTopic().score()).isGreaterThan(onTopic.offTopic().score());
        assertThat(unrelated.offTopic().because()).contains("article-overlap:0%");
    }

    @Test
    void praiseOfTheArticleIsOnTopic() {
        assertThat(assess("Ich finde den Artikel gut recherchiert, danke.").offTopic().flagged()).isFalse();
        assertThat(assess("Ich finde das gut, danke.").offTopic().score())
                .isGreaterThan(assess("Ich finde den Artikel gut, danke.").offTopic().score());
    }

    @Test
    void aReplyToTheThreadIsOnTopicWhereTheSameReplyToAnotherThreadIsNot() {
        String reply = "Genau, die Störsender allein helfen da nicht, die Radaranlagen müssen vernetzt werden.";
        ArticleContext titleOnly = new ArticleContext("Was die Minister am Donnerstag beschlossen", "");
        Assessment inItsThread = assistant.assess(titleOnly, List.of(
                "Störsender und vernetzte Radaranlagen wären sinnvoller als noch mehr Abfangdrohnen."), reply);
        Assessment elsewhere = assistant.assess(titleOnly, List.of("Schönes Wetter heute in Wien."), reply);
        assertThat(inItsThread.offTopic().score()).isLessThan(elsewhere.offTopic().score());
        assertThat(inItsThread.offTopic().flagged()).isFalse();
        assertThat(elsewhere.offTopic().because()).contains("article-overlap:0%", "thread-overlap:0%");
    }

    @Test
    void ordersTheQueueFlaggedFirst() {
        Assessment insult = assess("Halt die Fresse, du Vollidiot!");
        Assessment benign = assess("Danke für den ausführlichen Artikel über die Drohnenabwehr an der Ostflanke.");
        assertThat(insult.risk()).isGreaterThan(0.5).isGreaterThan(benign.risk());
        assertThat(benign.risk()).isBetween(0.0, 0.5);
    }

    @Test
    void appliesTheConfiguredThresholds() {
        String comment = "Was für ein dummer Kommentar, ihr Trottel.";
        Assessment normal = assess(comment);
        ModerationAssistant strict = new ModerationAssistant(TERMS, new AssistantThresholds(0.5, 1.0, 0.5));
        Assessment relaxed = strict.assess(DRONES, List.of(), comment);
        assertThat(normal.demeaning().flagged()).isTrue();
        assertThat(relaxed.demeaning().score()).isEqualTo(normal.demeaning().score());
        assertThat(relaxed.demeaning().flagged()).isEqualTo(relaxed.demeaning().score() >= 1.0);
        assertThatThrownBy(() -> new AssistantThresholds(0.0, 0.5, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AssistantThresholds(0.5, 1.5, 0.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void copesWithEmptyHugeAndMaliciousText() {
        for (String comment : List.of("", "   ", "\u0000\u0007\n", "😀😀😀🙈", "\uD800 Hallo \uDC00 x\uD83D",
                "<script>alert('x')</script><a href=\"javascript:alert(1)\">Drohnen</a>",
                "'; DROP TABLE comment; --", "Nein ".repeat(200_000), "a".repeat(1_000_000))) {
            Assessment a = assess(comment);
            for (Score s : List.of(a.offTopic(), a.demeaning(), a.spam())) {
                assertThat(s.score()).isBetween(0.0, 1.0);
                assertThat(s.because()).allSatisfy(reason -> assertThat(reason.chars()
                        .noneMatch(c -> Character.isSurrogate((char) c) && !validPair(reason, c))).isTrue());
            }
            assertThat(a.demeaning().flagged()).as(comment.length() > 50 ? comment.substring(0, 50) : comment).isFalse();
        }
        assertThat(assess("").spam().flagged()).isFalse();
        assertThat(assess("😀😀😀🙈").offTopic().because()).contains("no-words");
        assertThat(assess("Nein ".repeat(200_000)).spam().because()).contains("repeated-word:nein");
    }

    private static boolean validPair(String s, int c) {
        int i = s.indexOf(c);
        return Character.isHighSurrogate((char) c) ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    @Test
    void givesTheSameAnswerFromManyThreadsAtOnce() {
        List<String> comments = List.of("Du Vollidiot!", "Gute Analyse der Drohnenabwehr.", "http://bit.ly/x Geld verdienen",
                "Weiß jemand, wann das Freibad aufmacht?", "Dieses Pack gehört aufgehängt.");
        List<Assessment> sequential = comments.stream().map(ModerationAssistantTest::assess).toList();
        List<Assessment> parallel = IntStream.range(0, 200).parallel()
                .mapToObj(i -> assess(comments.get(i % comments.size()))).toList();
        for (int i = 0; i < parallel.size(); i++) {
            assertThat(parallel.get(i)).isEqualTo(sequential.get(i % comments.size()));
        }
    }

    @Test
    void hugeArticlesFromApiCallersNeitherStayInMemoryNorGrowTheCacheBeyondItsBound() {
        long bound = 4L * 1024 * 1024;
        ModerationAssistant bounded = new ModerationAssistant(TERMS, AssistantThresholds.defaults(), bound);
        for (int i = 0; i < 8; i++) {
            // 200 000 characters, many distinct words, different each time: what an API caller may send.
            StringBuilder text = new StringBuilder(200_000);
            for (int w = 0; text.length() < 199_980; w++) {
                text.append("Wort").append(Integer.toString(i * 1_000_003 + w, 36)).append(' ');
            }
            Assessment a = bounded.assess(new ArticleContext("Artikel " + i, text.toString()), List.of(), "Ein Kommentar dazu.");
            assertThat(a.offTopic().score()).isBetween(0.0, 1.0);
            assertThat(bounded.cachedBytes()).isLessThanOrEqualTo(bound);
        }
        assertThat(bounded.cachedTexts()).as("some of the eight analyses had to go").isPositive().isLessThan(8);
    }

    @Test
    void theSameArticleIsAnalysedOnceEvenWhenItsObjectIsNew() {
        ModerationAssistant fresh = new ModerationAssistant(TERMS, AssistantThresholds.defaults());
        fresh.assess(DRONES, List.of(), "Drohnen an der Ostflanke sind teuer.");
        fresh.assess(new ArticleContext(DRONES.title(), DRONES.text()), List.of(), "Die Abfangdrohnen kosten viel.");
        assertThat(fresh.cachedTexts()).isEqualTo(1);
        fresh.assess(new ArticleContext(DRONES.title() + "!", DRONES.text()), List.of("Eine Antwort"), "Noch ein Kommentar.");
        assertThat(fresh.cachedTexts()).isEqualTo(3);
        assertThat(ModerationAssistant.TextKey.of("article", "a", "bc")).isNotEqualTo(ModerationAssistant.TextKey.of("article", "ab", "c"));
    }
}
