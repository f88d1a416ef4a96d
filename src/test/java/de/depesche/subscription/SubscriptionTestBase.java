package de.depesche.subscription;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import de.depesche.support.IntegrationTest;
import de.depesche.support.TestMail;
import jakarta.mail.internet.MimeMessage;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the subscription tests share: reading mails as a reader would, confirming, calling the API. */
abstract class SubscriptionTestBase extends IntegrationTest {

    static final String CONFIRM_LINK = "http://localhost:8080/abo/bestaetigen/[A-Za-z0-9_-]+";

    @Autowired
    SubscriptionManagement subscriptions;

    @Autowired
    JdbcSubscriptionRepository repository;

    @Autowired
    JdbcClient jdbc;

    static List<MimeMessage> mails(String to, int atLeast) {
        await().atMost(Duration.ofSeconds(30)).until(() -> TestMail.to(to).size() >= atLeast);
        return TestMail.to(to);
    }

    static String link(MimeMessage m, String pattern) {
        Matcher matcher = Pattern.compile(pattern).matcher(TestMail.text(m));
        assertThat(matcher.find()).as(pattern).isTrue();
        return matcher.group();
    }

    /** Signs an address up through the module's API and confirms with the link of the mail that arrives. */
    String subscribed(String email, SubscriptionKind kind, String target) {
        int before = TestMail.to(email).size();
        subscriptions.request(new SubscriptionRequest(email, kind, target, Channel.EMAIL, true), "192.0.2.70");
        MimeMessage confirmation = mails(email, before + 1).getLast();
        String path = URI.create(link(confirmation, CONFIRM_LINK)).getPath();
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url(path))).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(r.body()).contains("Ihr Abonnement ist aktiv");
        return manageToken(email);
    }

    String manageToken(String email) {
        return repository.subscriberByEmail(email).orElseThrow().manageToken();
    }

    HttpResponse<String> postJson(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    HttpResponse<String> postForm(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    static String address(String prefix) {
        return prefix + "-" + System.nanoTime() + "@example.org";
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
