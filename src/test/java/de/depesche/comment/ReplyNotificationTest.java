package de.depesche.comment;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import de.depesche.article.Article;
import de.depesche.support.IntegrationTest;
import de.depesche.support.TestMail;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ReplyNotificationTest extends IntegrationTest {

    @Autowired
    CommentManagement comments;

    private static List<MimeMessage> mailsTo(String address, int atLeast) {
        await().atMost(Duration.ofSeconds(20)).until(() -> TestMail.to(address).size() >= atLeast);
        return TestMail.to(address);
    }

    private static String link(MimeMessage mail, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(TestMail.text(mail));
        assertThat(m.find()).as("link " + pattern + " in mail").isTrue();
        return m.group();
    }

    @Test
    void theAuthorConfirmsOnceAndIsToldAboutApprovedRepliesOverSmtp() throws Exception {
        Article article = data.published(unique("Mit Antworten"));
        String email = "anna-" + System.nanoTime() + "@example.org";
        Comment question = comments.submit(new CommentSubmission(article.id(), null, "Anna", email,
                "Wie geht es weiter?", true, true), "192.0.2.50");

        MimeMessage confirmation = mailsTo(email, 1).getFirst();
        assertThat(confirmation.getSubject()).startsWith("Bitte bestätigen");
        String confirmUrl = link(confirmation, "http://localhost:8080/kommentare/benachrichtigung/[0-9a-f]+");
        String token = confirmUrl.substring(confirmUrl.lastIndexOf('/') + 1);
        assertThat(get("/kommentare/benachrichtigung/" + token).body()).contains("Ja, benachrichtigen");
        assertThat(send(HttpRequest.newBuilder(URI.create(url("/kommentare/benachrichtigung/" + token)))
                .POST(HttpRequest.BodyPublishers.noBody()).build()).body()).contains("Danke!");
        for (String page : List.of("/kommentare/benachrichtigung/" + token, "/kommentare/benachrichtigung/" + token + "/abbestellen")) {
            for (String method : List.of("GET", "HEAD")) {
                var answer = send(HttpRequest.newBuilder(URI.create(url(page))).method(method, HttpRequest.BodyPublishers.noBody()).build());
                assertThat(answer.statusCode()).as(method + " " + page).isEqualTo(200);
                assertThat(answer.headers().firstValue("Cache-Control")).as(method + " " + page).hasValue("private, no-store");
            }
        }

        comments.approve(question.id(), data.admin());
        Comment answer = comments.submit(new CommentSubmission(article.id(), question.id(), "Ben <img src=x onerror=alert(1)>",
                "ben-" + System.nanoTime() + "@example.org", "So geht es weiter: mit Geduld. <script>alert(1)</script>", false, true),
                "192.0.2.51");
        Thread.sleep(1500);
        assertThat(TestMail.to(email)).as("no mail before the reply is approved").hasSize(1);
        comments.approve(answer.id(), data.admin());

        MimeMessage reply = mailsTo(email, 2).get(1);
        assertThat(reply.getSubject()).isEqualTo("Neue Antwort auf Ihren Kommentar zu „" + article.title() + "“");
        assertThat(reply.getHeader("List-Unsubscribe", null)).contains("/kommentare/benachrichtigung/" + token + "/abbestellen");
        assertThat(reply.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(reply.getMessageID()).matches("<\\d+\\.[0-9a-f]+@test\\.depesche\\.local>");
        assertThat(TestMail.text(reply)).contains("So geht es weiter");
        String html = TestMail.html(reply);
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;", "Ben &lt;img src=x onerror=alert(1)&gt;")
                .doesNotContain("<script>", "<img src=x");

        // RFC 8058: a mail program unsubscribes with one POST and no session.
        var oneClick = send(HttpRequest.newBuilder(URI.create(url("/kommentare/benachrichtigung/" + token + "/abbestellen")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build());
        assertThat(oneClick.statusCode()).isEqualTo(200);
        Comment second = comments.submit(new CommentSubmission(article.id(), question.id(), "Cem",
                "cem-" + System.nanoTime() + "@example.org", "Noch eine Antwort.", false, true), "192.0.2.52");
        comments.approve(second.id(), data.admin());
        Thread.sleep(2000);
        assertThat(TestMail.to(email)).hasSize(2);
    }

    @Test
    void withoutConfirmationNoReplyMailIsSentAndUnknownLinksSaySo() throws Exception {
        Article article = data.published(unique("Unbestätigt"));
        String email = "uwe-" + System.nanoTime() + "@example.org";
        Comment question = comments.submit(new CommentSubmission(article.id(), null, "Uwe", email, "Frage ohne Bestätigung", true, true),
                "192.0.2.60");
        comments.approve(question.id(), data.admin());
        Comment answer = comments.submit(new CommentSubmission(article.id(), question.id(), "Vera",
                "vera-" + System.nanoTime() + "@example.org", "Antwort", false, true), "192.0.2.61");
        comments.approve(answer.id(), data.admin());
        mailsTo(email, 1);
        Thread.sleep(1500);
        assertThat(TestMail.to(email)).extracting(MimeMessage::getSubject).allMatch(s -> s.startsWith("Bitte bestätigen"));
        var unknown = send(HttpRequest.newBuilder(URI.create(url("/kommentare/benachrichtigung/gibtesnicht")))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("Dieser Link ist ungültig.");
    }

    @Test
    void anAnswerUnderACommentThatWasTakenDownIsNotApprovedAndNobodyIsNotified() throws Exception {
        Article article = data.published(unique("Zurückgezogen"));
        String email = "zora-" + System.nanoTime() + "@example.org";
        Comment question = comments.submit(new CommentSubmission(article.id(), null, "Zora", email,
                "Eine Frage, die später abgelehnt wird.", true, true), "192.0.2.70");
        String confirmUrl = link(mailsTo(email, 1).getFirst(), "http://localhost:8080/kommentare/benachrichtigung/[0-9a-f]+");
        send(HttpRequest.newBuilder(URI.create(url(confirmUrl.substring("http://localhost:8080".length()))))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        comments.approve(question.id(), data.admin());
        Comment answer = comments.submit(new CommentSubmission(article.id(), question.id(), "Yann",
                "yann-" + System.nanoTime() + "@example.org", "Eine Antwort, die zu spät kommt.", false, true), "192.0.2.71");
        comments.reject(question.id(), RejectionReason.DEMEANING, data.admin());

        StatusChange approval = comments.approve(answer.id(), data.admin());
        assertThat(approval.changed()).isFalse();
        assertThat(approval.refusal()).isEqualTo("comment.decision.parentHidden");
        assertThat(comments.find(answer.id()).orElseThrow().status()).isEqualTo(CommentStatus.PENDING);
        Thread.sleep(1500);
        assertThat(TestMail.to(email)).extracting(MimeMessage::getSubject).allMatch(s -> s.startsWith("Bitte bestätigen"));
    }
}
