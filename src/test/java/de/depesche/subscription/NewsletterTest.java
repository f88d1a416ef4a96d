package de.depesche.subscription;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import de.depesche.article.Article;
import de.depesche.support.IntegrationTest;
import de.depesche.support.StaffSession;
import de.depesche.support.TestDatabase;
import de.depesche.support.TestMail;
import jakarta.mail.internet.MimeMessage;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class NewsletterTest extends IntegrationTest {

    @Autowired
    SubscriptionManagement subscriptions;

    @Autowired
    NewsletterDesk newsletter;

    private String subscribeAndConfirm(String frequency) {
        String email = "nl-" + System.nanoTime() + "@example.org";
        subscriptions.request(new SubscriptionRequest(email, SubscriptionKind.NEWSLETTER, frequency, Channel.EMAIL, true), "192.0.2.99");
        await().atMost(Duration.ofSeconds(20)).until(() -> !TestMail.to(email).isEmpty());
        Matcher m = Pattern.compile("/abo/bestaetigen/[A-Za-z0-9_-]+").matcher(TestMail.text(TestMail.to(email).getFirst()));
        assertThat(m.find()).isTrue();
        send(HttpRequest.newBuilder(URI.create(url(m.group()))).POST(HttpRequest.BodyPublishers.noBody()).build());
        return email;
    }

    @Test
    void editorsPickComesFirstAndEveryConfirmedReaderGetsTheIssueOnce() throws Exception {
        String anna = subscribeAndConfirm("daily");
        String ben = subscribeAndConfirm("daily");
        Article older = data.published(unique("Wichtige Analyse"));
        Article newer = data.published(unique("Kurze Meldung"));
        newsletter.pick(older.id(), true, data.admin());

        NewsletterDesk.Digest digest = newsletter.digest("daily");
        List<Long> order = digest.articles().stream().map(a -> a.id()).toList();
        assertThat(order.indexOf(older.id())).isLessThan(order.indexOf(newer.id()));
        assertThat(digest.recipients()).isGreaterThanOrEqualTo(2);

        StaffSession editor = StaffSession.signedIn(port, TestDatabase.ADMIN_EMAIL, TestDatabase.ADMIN_PASSWORD);
        var preview = editor.get("/admin/newsletter/vorschau?frequency=daily");
        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parse(preview.body()).text()).contains(older.title(), newer.title());
        editor.page("/admin/newsletter?frequency=daily");
        var sent = editor.post("/admin/newsletter/senden", java.util.Map.of("frequency", "daily", "subject", "Der Morgen im Test"));
        assertThat(editor.follow(sent).select(".notice").text()).contains("wird jetzt verschickt");

        for (String reader : List.of(anna, ben)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> TestMail.to(reader).size() >= 2);
            MimeMessage issue = TestMail.to(reader).get(1);
            assertThat(issue.getSubject()).isEqualTo("Der Morgen im Test");
            String text = TestMail.text(issue);
            assertThat(text.indexOf(older.title())).isLessThan(text.indexOf(newer.title()));
            assertThat(issue.getHeader("List-Unsubscribe", null)).contains("/abo/verwalten/");
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> newsletter.issues(5).getFirst().issue().status().equals("QUEUED"));
        assertThat(newsletter.issues(5).getFirst().issue().percentQueued()).isEqualTo(100);
        Thread.sleep(1500);
        assertThat(TestMail.to(anna)).hasSize(2);
    }
}
