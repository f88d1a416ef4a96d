package de.depesche.site;

import java.util.Map;

import de.depesche.article.Article;
import de.depesche.comment.Comment;
import de.depesche.comment.CommentManagement;
import de.depesche.comment.CommentSubmission;
import de.depesche.subscription.Channel;
import de.depesche.subscription.SubscriptionKind;
import de.depesche.subscription.SubscriptionManagement;
import de.depesche.subscription.SubscriptionRequest;
import de.depesche.support.IntegrationTest;
import de.depesche.support.StaffSession;
import de.depesche.support.TestDatabase;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class DataRequestsTest extends IntegrationTest {

    @Autowired
    CommentManagement comments;

    @Autowired
    SubscriptionManagement subscriptions;

    @Test
    void anAdminExportsAndErasesEverythingStoredAboutAnAddress() {
        Article article = data.published(unique("Datenschutz"));
        String email = "Person-" + System.nanoTime() + "@Example.org";
        Comment c = comments.submit(new CommentSubmission(article.id(), null, "Paula Privat", email,
                "Mein persönlicher Kommentar", true, true), "192.0.2.120");
        comments.approve(c.id(), data.admin());
        subscriptions.request(new SubscriptionRequest(email, SubscriptionKind.SIMILAR, String.valueOf(article.id()), Channel.EMAIL, true),
                "192.0.2.120");

        StaffSession admin = StaffSession.signedIn(port, TestDatabase.ADMIN_EMAIL, TestDatabase.ADMIN_PASSWORD);
        var page = admin.page("/admin/datenschutz?email=" + email);
        assertThat(page.select(".panel h2").eachText()).contains("Kommentare und Antwort-Benachrichtigungen", "Abonnements");
        String export = admin.get("/admin/datenschutz/export?email=" + email).body();
        assertThat(export).contains("Mein persönlicher Kommentar", "Paula Privat", "similar");

        var refused = admin.post("/admin/datenschutz/loeschen", Map.of("email", email));
        assertThat(admin.follow(refused).select(".problems").text()).contains("Häkchen");
        var erased = admin.post("/admin/datenschutz/loeschen", Map.of("email", email, "sure", "true"));
        assertThat(admin.follow(erased).select(".notice").text()).startsWith("Gelöscht oder anonymisiert");

        assertThat(admin.page("/admin/datenschutz?email=" + email).text()).contains("Zu dieser Adresse ist nichts gespeichert.");
        String articlePage = Jsoup.parse(get(article.path()).body()).text();
        assertThat(articlePage).doesNotContain("Mein persönlicher Kommentar", "Paula Privat");
        assertThat(comments.find(c.id()).orElseThrow().authorEmail()).doesNotContain("example.org");
    }
}
