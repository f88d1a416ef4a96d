package de.depesche.subscription;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import de.depesche.article.Article;
import de.depesche.support.StaffSession;
import de.depesche.support.TestDatabase;
import de.depesche.support.TestMail;
import jakarta.mail.internet.MimeMessage;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Subscriptions with the settings an operator may change: a weekly newsletter every two seconds, links
 * valid for 72 hours, two confirmation mails per address and day, six sign-ups per network and hour.
 * A context of its own: these settings hold for the whole process.
 */
@TestPropertySource(properties = {"depesche.newsletter.weekly-cron=*/2 * * * * *",
        "depesche.subscriptions.confirmation-expiry=72h", "depesche.subscriptions.confirmations-per-address=2",
        "depesche.subscriptions.requests-per-network=6"})
class SubscriptionSettingsTest extends SubscriptionTestBase {

    private final ObjectMapper json = new ObjectMapper();
    private static int network = 10;

    /** Each sign-up from its own network, so that only the test of the network limit meets it. */
    private static synchronized String network() {
        return "198.51.100." + network++;
    }

    private String confirmed(String email, SubscriptionKind kind, String target) {
        int before = TestMail.to(email).size();
        subscriptions.request(new SubscriptionRequest(email, kind, target, Channel.EMAIL, true), network());
        String path = URI.create(link(mails(email, before + 1).getLast(), CONFIRM_LINK)).getPath();
        send(HttpRequest.newBuilder(URI.create(url(path))).POST(HttpRequest.BodyPublishers.noBody()).build());
        return manageToken(email);
    }

    @Test
    void theScheduledNewsletterGoesOutWhenSomethingNewAppearedAndOnlyThen() throws Exception {
        String email = address("woechentlich");
        confirmed(email, SubscriptionKind.NEWSLETTER, "weekly");
        Article fresh = data.published(unique("Neu für die Wochenausgabe"));

        MimeMessage issue = mails(email, 2).get(1);
        assertThat(issue.getSubject()).isEqualTo("Die Woche bei Depesche: " + fresh.title());
        assertThat(TestMail.text(issue)).contains(fresh.title());
        sleep(5000);
        assertThat(TestMail.to(email)).as("nothing new, no further issue").hasSize(2);

        StaffSession editor = StaffSession.signedIn(port, TestDatabase.ADMIN_EMAIL, TestDatabase.ADMIN_PASSWORD);
        Document desk = editor.page("/admin/newsletter?frequency=weekly");
        assertThat(desk.select("section.panel").last().select("tbody tr").first().text()).contains("Die Woche bei Depesche: " + fresh.title(), "Zeitplan");
    }

    @Test
    void theConfirmationTextsSayHowLongTheLinkIsValid() {
        String category = data.category("Technik").slug();
        String email = address("zweiundsiebzig");
        StaffSession reader = new StaffSession(port);
        Document form = reader.page("/abo/neu?kind=category&target=" + category);
        Map<String, String> fields = new LinkedHashMap<>();
        form.select("form.subscribe-form input[type=hidden]").forEach(i -> fields.put(i.attr("name"), i.val()));
        fields.put("email", email);
        fields.put("consent", "true");
        sleep(2100);
        HttpResponse<String> done = reader.post("/abo", fields, false);
        assertThat(Jsoup.parse(done.body()).select("main").text()).contains("Der Link gilt 72 Stunden.");
        assertThat(TestMail.text(mails(email, 1).getFirst())).contains("er gilt 72 Stunden");
    }

    @Test
    void anAddressGetsNoMoreThanTheConfiguredConfirmationMailsADay() {
        String email = address("begrenzt");
        for (String target : List.of("daily", "weekly")) {
            subscriptions.request(new SubscriptionRequest(email, SubscriptionKind.NEWSLETTER, target, Channel.EMAIL, true), network());
        }
        mails(email, 2);
        var third = subscriptions.request(new SubscriptionRequest(email, SubscriptionKind.CATEGORY, data.category("Technik").slug(),
                Channel.EMAIL, true), network());
        assertThat(third).as("the same answer as always").isInstanceOf(SubscriptionManagement.Outcome.ConfirmationSent.class);
        sleep(2500);
        assertThat(TestMail.to(email)).hasSize(2);
    }

    @Test
    void tooManySignUpsFromOneNetworkAreAnswered429ByTheApiAndTheForm() {
        try {
            refusesTheSeventhSignUp();
        } finally {
            // An hour later for this network, so that the other tests here may still sign up over HTTP.
            jdbc.sql("update subscription set requested_at = :old where subscriber_id in (select id from subscriber where email like 'netz-%')")
                    .param("old", java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(7200))).update();
        }
    }

    private void refusesTheSeventhSignUp() {
        String category = data.category("Technik").slug();
        HttpResponse<String> refused = null;
        int accepted = 0;
        for (int i = 0; i < 8 && refused == null; i++) {
            HttpResponse<String> r = postJson("/api/v1/subscriptions", "{\"email\":\"" + address("netz")
                    + "\",\"kind\":\"category\",\"target\":\"" + category + "\",\"consent\":true}");
            if (r.statusCode() == 429) {
                refused = r;
            } else {
                assertThat(r.statusCode()).isEqualTo(202);
                accepted++;
            }
        }
        assertThat(refused).as("refused within the limit of six").isNotNull();
        assertThat(accepted).isLessThanOrEqualTo(6);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        var body = json.readTree(refused.body());
        assertThat(body.path("status").asInt()).isEqualTo(429);
        assertThat(body.path("problems").get(0).path("message").asString()).contains("Aus Ihrem Netz kamen gerade sehr viele Anmeldungen");

        StaffSession reader = new StaffSession(port);
        Document form = reader.page("/abo/neu?kind=category&target=" + category);
        Map<String, String> fields = new LinkedHashMap<>();
        form.select("form.subscribe-form input[type=hidden]").forEach(i -> fields.put(i.attr("name"), i.val()));
        fields.put("email", address("netz-formular"));
        fields.put("consent", "true");
        sleep(2100);
        HttpResponse<String> page = reader.post("/abo", fields, false);
        assertThat(page.statusCode()).isEqualTo(429);
        assertThat(Jsoup.parse(page.body()).select(".problems").text()).contains("Aus Ihrem Netz kamen gerade sehr viele Anmeldungen");
    }
}
