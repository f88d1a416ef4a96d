package de.depesche.subscription;

import java.net.URI;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.rss.Item;
import de.depesche.account.Role;
import de.depesche.account.StaffMember;
import de.depesche.article.Article;
import de.depesche.article.ArticleDraft;
import de.depesche.article.ArticleManagement;
import de.depesche.feed.FeedParsing;
import de.depesche.support.TestMail;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What subscribers receive, and when: the hourly cap and its bundles, pausing, ending, topics, feeds. */
class SubscriptionDeliveryTest extends SubscriptionTestBase {

    @Autowired
    ArticleManagement articles;

    @Autowired
    NewsletterDesk newsletter;

    @Autowired
    ObjectMapper json;

    private long subscriberId(String email) {
        return repository.subscriberByEmail(email).orElseThrow().id();
    }

    /** The hour since the last news mails has passed (the cap counts mails of the last hour). */
    private void anHourLater(String email) {
        jdbc.sql("update subscription_mail set created_at = :old where subscriber_id = :s")
                .param("old", Timestamp.from(Instant.now().minus(Duration.ofHours(2)))).param("s", subscriberId(email)).update();
    }

    /** Three news mails in the last hour: the default cap is reached. */
    private void capReached(String email) {
        for (int i = 0; i < 3; i++) {
            repository.newMail(subscriberId(email), 1, Instant.now());
        }
    }

    private long waitingNews(String email) {
        return jdbc.sql("select count(*) from subscription_delivery where subscriber_id = :s and mail_id is null")
                .param("s", subscriberId(email)).query(Long.class).single();
    }

    private long newsMailsCounted(String email) {
        return jdbc.sql("select count(*) from subscription_mail where subscriber_id = :s").param("s", subscriberId(email))
                .query(Long.class).single();
    }

    private static long items(MimeMessage news) {
        return TestMail.text(news).lines().filter(l -> l.startsWith("* ")).count();
    }

    @Test
    void withTheHourlyCapReachedABurstWaitsAndThenArrivesAsExactlyOneBundle() throws Exception {
        String category = data.category(unique("Bündel")).slug();
        String email = address("buendel");
        subscribed(email, SubscriptionKind.CATEGORY, category);

        List<Article> singles = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            singles.add(data.published(unique("Einzelmeldung " + i), "BONN", "Text.", category));
            mails(email, 1 + i);
        }
        List<Article> burst = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            burst.add(data.published(unique("Eilmeldung " + i), "BONN", "Text.", category));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> waitingNews(email) == 5);
        sleep(2500);
        assertThat(TestMail.to(email)).as("confirmation and three single mails; the cap holds the rest").hasSize(4);

        anHourLater(email);
        mails(email, 5);
        sleep(2500);
        List<MimeMessage> received = TestMail.to(email);
        assertThat(received).hasSize(5);
        for (int i = 0; i < 3; i++) {
            assertThat(received.get(1 + i).getSubject()).isEqualTo("Neu: " + singles.get(i).title());
            assertThat(items(received.get(1 + i))).isEqualTo(1);
        }
        MimeMessage bundle = received.get(4);
        assertThat(bundle.getSubject()).isEqualTo("5 neue Artikel für Sie");
        assertThat(items(bundle)).isEqualTo(5);
        String text = TestMail.text(bundle);
        for (Article a : burst) {
            assertThat(text.lines().filter(l -> l.equals("* " + a.title())).count()).as(a.title()).isEqualTo(1);
        }
        assertThat(waitingNews(email)).isZero();
    }

    @Test
    void readersOfTheSameNewsGetItInTheirLanguageWithTheirOwnManageLink() throws Exception {
        String category = data.category(unique("Sprachen")).slug();
        String german = address("deutsch");
        String second = address("zweite");
        String english = address("englisch");
        Map<String, String> tokens = new java.util.LinkedHashMap<>();
        for (String email : List.of(german, second, english)) {
            tokens.put(email, subscribed(email, SubscriptionKind.CATEGORY, category));
        }
        repository.language(subscriberId(english), "en");

        Article article = data.published(unique("Mehrsprachig"), "BONN", "Text.", category);

        for (String email : tokens.keySet()) {
            MimeMessage news = mails(email, 2).getLast();
            assertThat(news.getSubject()).isEqualTo((email.equals(english) ? "New: " : "Neu: ") + article.title());
            assertThat(TestMail.text(news)).contains(email.equals(english) ? "Just published" : "Neu erschienen");
            String manage = "/abo/verwalten/" + tokens.get(email);
            assertThat(TestMail.text(news)).contains(manage);
            assertThat(TestMail.html(news)).contains(manage);
            assertThat(news.getHeader("List-Unsubscribe", null)).contains(manage + "/abbestellen");
            for (String other : tokens.keySet()) {
                if (!other.equals(email)) {
                    assertThat(TestMail.text(news) + TestMail.html(news)).doesNotContain(tokens.get(other));
                }
            }
        }
    }

    @Autowired
    OneTimeTask<Long> forgetErasedDeliveries;

    @Test
    void erasingASubscriberDeletesItsDeliveriesAlsoOneRecordedByAMatchUnderWay() throws Exception {
        String category = data.category(unique("Löschen")).slug();
        String email = address("loeschen");
        String token = subscribed(email, SubscriptionKind.CATEGORY, category);
        long id = subscriberId(email);
        data.published(unique("Vor dem Löschen"), "BONN", "Text.", category);
        mails(email, 2);
        String deliveries = "select count(*) from subscription_delivery where subscriber_id = :s";
        assertThat(jdbc.sql(deliveries).param("s", id).query(Long.class).single()).isEqualTo(1);

        assertThat(subscriptions.erase(token)).isTrue();
        assertThat(jdbc.sql(deliveries).param("s", id).query(Long.class).single()).isZero();

        // A match that read the subscription just before it was erased records its news just after.
        Article late = data.published(unique("Im selben Augenblick"), "BONN", "Text.", category);
        jdbc.sql("""
                        insert into subscription_delivery (subscription_id, article_id, subscriber_id, channel, matched_at)
                        values (-1, :article, :s, 'EMAIL', :now)
                        """)
                .param("article", late.id()).param("s", id).param("now", Timestamp.from(Instant.now())).update();
        assertThat(jdbc.sql("select execution_time from scheduled_tasks where task_name = 'forget-erased-deliveries' and task_instance = :i")
                .param("i", "subscriber-" + id).query(Timestamp.class).single().toInstant())
                .isAfter(Instant.now().plus(Duration.ofMinutes(4)));
        forgetErasedDeliveries.execute(forgetErasedDeliveries.instance("subscriber-" + id, id), null);
        assertThat(jdbc.sql(deliveries).param("s", id).query(Long.class).single()).isZero();
    }

    @Test
    void unsubscribingCancelsNewsThatTheCapHeldBack() throws Exception {
        String category = data.category(unique("Abgemeldet")).slug();
        String email = address("abgemeldet");
        subscribed(email, SubscriptionKind.CATEGORY, category);
        for (int i = 1; i <= 3; i++) {
            data.published(unique("Vor der Abmeldung " + i), "ESSEN", "Text.", category);
            mails(email, 1 + i);
        }
        data.published(unique("Vom Limit zurückgehalten"), "ESSEN", "Text.", category);
        await().atMost(Duration.ofSeconds(20)).until(() -> waitingNews(email) == 1);

        // The one-click unsubscribe of the last mail (RFC 8058).
        String stop = TestMail.to(email).getLast().getHeader("List-Unsubscribe", null);
        var oneClick = postForm(URI.create(stop.substring(1, stop.length() - 1)).getPath(), "List-Unsubscribe=One-Click");
        assertThat(oneClick.statusCode()).isEqualTo(200);

        anHourLater(email);
        sleep(3500);
        assertThat(TestMail.to(email)).as("nothing after the unsubscribe").hasSize(4);
        assertThat(waitingNews(email)).isZero();
        assertThat(newsMailsCounted(email)).isEqualTo(3);
    }

    @Test
    void aPausedSubscriptionHoldsItsWaitingNewsAndResumingSendsIt() throws Exception {
        String category = data.category(unique("Pause")).slug();
        String email = address("pause");
        String token = subscribed(email, SubscriptionKind.CATEGORY, category);
        long id = subscriptions.overview(token).orElseThrow().subscriptions().getFirst().id();
        capReached(email);
        Article held = data.published(unique("Vor der Pause erschienen"), "JENA", "Text.", category);
        await().atMost(Duration.ofSeconds(20)).until(() -> waitingNews(email) == 1);

        assertThat(postForm("/abo/verwalten/" + token + "/" + id + "/pausieren", "").statusCode()).isEqualTo(302);
        anHourLater(email);
        Article duringPause = data.published(unique("Während der Pause erschienen"), "JENA", "Text.", category);
        sleep(3500);
        assertThat(TestMail.to(email)).as("only the confirmation: the paused subscription holds its news").hasSize(1);
        assertThat(waitingNews(email)).as("held, and nothing collected during the pause").isEqualTo(1);

        assertThat(postForm("/abo/verwalten/" + token + "/" + id + "/fortsetzen", "").statusCode()).isEqualTo(302);
        MimeMessage news = mails(email, 2).get(1);
        assertThat(news.getSubject()).isEqualTo("Neu: " + held.title());
        assertThat(TestMail.text(news)).doesNotContain(duringPause.title());
    }

    @Test
    void anArticleWithdrawnBeforeItsMailWentOutSendsNothingAndUsesUpNoMail() throws Exception {
        String category = data.category(unique("Zurückgezogen")).slug();
        String email = address("zurueck");
        subscribed(email, SubscriptionKind.CATEGORY, category);
        capReached(email);
        Article withdrawn = data.published(unique("Gleich wieder weg"), "KIEL", "Text.", category);
        await().atMost(Duration.ofSeconds(20)).until(() -> waitingNews(email) == 1);
        articles.unpublish(withdrawn.id(), data.admin());

        anHourLater(email);
        await().atMost(Duration.ofSeconds(20)).until(() -> waitingNews(email) == 0);
        sleep(1500);
        assertThat(TestMail.to(email)).hasSize(1);
        assertThat(newsMailsCounted(email)).as("no empty mail counted against the cap").isEqualTo(3);

        Article next = data.published(unique("Danach erschienen"), "KIEL", "Text.", category);
        assertThat(mails(email, 2).get(1).getSubject()).isEqualTo("Neu: " + next.title());
    }

    @Test
    void tagAndAuthorSubscriptionsGetTheArticlesFiledUnderThem() throws Exception {
        String tag = unique("Drohnenabwehr");
        Article first = articles.publish(articles.create(new ArticleDraft(unique("Erste Drohnenmeldung"), null, "KIEL",
                "Vorspann.", "Text.", List.of(), List.of(tag), null, null, null, null, null), data.admin()).id(), data.admin());
        String tagSlug = first.tags().stream().filter(t -> t.name().equals(tag)).findFirst().orElseThrow().slug();
        StaffMember author = data.staff(Role.AUTHOR);

        var byTag = (SubscriptionManagement.Outcome.FeedReady) subscriptions.request(
                new SubscriptionRequest(null, SubscriptionKind.TAG, tagSlug, Channel.FEED, true), "192.0.2.71");
        String byAuthorEmail = address("autorin");
        subscribed(byAuthorEmail, SubscriptionKind.AUTHOR, author.slug());

        Article tagged = articles.publish(articles.create(new ArticleDraft(unique("Zweite Drohnenmeldung"), null, "KIEL",
                "Vorspann.", "Text.", List.of(), List.of(tag), null, null, null, null, null), data.admin()).id(), data.admin());
        Article byThem = articles.publish(articles.create(data.draft(unique("Von der neuen Autorin"), "KIEL", "Text."),
                data.principal(author)).id(), data.admin());
        Article other = data.published(unique("Ohne Bezug"));

        String tagFeed = byTag.feedPath();
        await().atMost(Duration.ofSeconds(20)).until(() -> get(tagFeed).body().contains(tagged.title()));
        MimeMessage news = mails(byAuthorEmail, 2).get(1);
        assertThat(news.getSubject()).isEqualTo("Neu: " + byThem.title());
        sleep(1500);
        List<String> titles = FeedParsing.rss(get(tagFeed).body()).getItems().stream().map(Item::getTitle).toList();
        assertThat(titles).containsExactly(tagged.title()).doesNotContain(byThem.title(), other.title(), first.title());
        assertThat(TestMail.to(byAuthorEmail)).hasSize(2);
        assertThat(TestMail.text(news)).contains("Passt zu: " + author.displayName());
    }

    @Test
    void matchesOfSeveralKindsAndMoreTargetsThanOneStatementTakesAreRecordedEachOnceAlsoWhenMatchedAgain() {
        String query = unique("Deichbau");
        String category = data.category(unique("Küstenschutz")).slug();
        String bySearch = address("suchagent-viele");
        String byCategory = address("kategorie-viele");
        subscribed(bySearch, SubscriptionKind.SEARCH, query);
        subscribed(byCategory, SubscriptionKind.CATEGORY, category);
        // 1 500 saved queries matched (more than one statement binds): the subscribed one comes last.
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < 1_499; i++) {
            queries.add(unique("Anfrage " + i));
        }
        queries.add(query);
        Map<SubscriptionKind, List<String>> targets = Map.of(SubscriptionKind.SEARCH, queries,
                SubscriptionKind.CATEGORY, List.of(category), SubscriptionKind.TAG, List.of());
        // A published article of another category (the dispatcher drops waiting news about articles that are not published).
        long article = data.published(unique("Anderswo"), "HUSUM", "Nichts über Küsten.", data.category(unique("Binnenland")).slug()).id();

        assertThat(repository.match(targets, article, Instant.now())).isEqualTo(2);
        assertThat(repository.match(targets, article, Instant.now())).as("a retry records nothing twice").isZero();
        String later = address("kategorie-spaeter");
        subscribed(later, SubscriptionKind.CATEGORY, category);
        assertThat(repository.match(targets, article, Instant.now()))
                .as("published again: only the subscription that is new since").isEqualTo(1);
        for (String email : List.of(bySearch, byCategory, later)) {
            assertThat(jdbc.sql("select count(*) from subscription_delivery where subscriber_id = :s and article_id = :a")
                    .param("s", subscriberId(email)).param("a", article).query(Long.class).single()).as(email).isEqualTo(1);
        }
        jdbc.sql("delete from subscription_delivery where article_id = :a").param("a", article).update();
    }

    @Test
    void aPersonalFeedParsesStrictlyAndDropsWhatAnEndedSubscriptionDelivered() {
        String category = data.category(unique("Feedrubrik")).slug();
        var feed = (SubscriptionManagement.Outcome.FeedReady) subscriptions.request(
                new SubscriptionRequest(null, SubscriptionKind.CATEGORY, category, Channel.FEED, true), "192.0.2.72");
        Article a = data.published(unique("Im persönlichen Feed"), "GERA", "Text mit <b>Auszeichnung</b>.", category);
        await().atMost(Duration.ofSeconds(20)).until(() -> get(feed.feedPath()).body().contains(a.title()));

        var rss = FeedParsing.rss(get(feed.feedPath()).body());
        assertThat(rss.getItems()).extracting(Item::getTitle).containsExactly(a.title());
        assertThat(rss.getTitle()).isEqualTo("Ihr persönlicher Feed bei Depesche");
        var atom = FeedParsing.atom(get(feed.feedPath() + "/atom").body());
        assertThat(atom.getEntries()).extracting(Entry::getTitle).containsExactly(a.title());
        JsonNode jsonFeed = FeedParsing.jsonFeed(get(feed.feedPath() + ".json").body());
        assertThat(FeedParsing.jsonTitles(jsonFeed)).containsExactly(a.title());

        String token = feed.managePath().substring(feed.managePath().lastIndexOf('/') + 1);
        long id = subscriptions.overview(token).orElseThrow().subscriptions().getFirst().id();
        assertThat(subscriptions.end(token, id)).isTrue();
        assertThat(FeedParsing.rss(get(feed.feedPath()).body()).getItems()).isEmpty();
    }

    @Test
    void aNewsletterSubscribedAsAFeedGetsEachIssuesArticlesAsItems() {
        var created = postJson("/api/v1/subscriptions", "{\"kind\":\"newsletter\",\"target\":\"weekly\",\"channel\":\"feed\",\"consent\":true}");
        assertThat(created.statusCode()).isEqualTo(201);
        String feedPath = URI.create(json.readTree(created.body()).path("feedUrl").asString()).getPath();
        assertThat(FeedParsing.rss(get(feedPath).body()).getItems()).isEmpty();

        Article picked = data.published(unique("Für die Wochenausgabe"));
        newsletter.send("weekly", "Die Woche im Test", data.admin());

        await().atMost(Duration.ofSeconds(30)).until(() -> get(feedPath).body().contains(picked.title()));
        var rss = FeedParsing.rss(get(feedPath).body());
        assertThat(rss.getItems()).extracting(Item::getTitle).contains(picked.title());
        assertThat(rss.getDescription()).as("the frequency in words").isEqualTo("einmal pro Woche");
    }

    private static final String GUARANTEES = """
            Die Außenminister der Europäischen Union haben über langfristige Sicherheitsgarantien für die Ukraine beraten.
            Diplomaten sprechen von einem Entwurf, der Ausbildung, Waffenlieferungen und Luftverteidigung bündelt.
            Umstritten bleibt, wie verbindlich die Garantien sein sollen und wer die Kosten trägt.""";

    @Test
    void theSimilarNewsFeedOfAnArticleParsesStrictlyWithItsItems() {
        Article original = data.published(unique("Garantien für die Ukraine"), "BRÜSSEL", GUARANTEES);
        Article close = data.published(unique("Weiter Streit um Garantien"), "BRÜSSEL",
                GUARANTEES.replace("beraten", "weiter gestritten") + "\nEin Gipfel soll im Frühjahr entscheiden.");
        await().atMost(Duration.ofSeconds(20)).until(() -> subscriptions.laterSimilar(original.id(), 10).contains(close.id()));

        var rss = FeedParsing.rss(get(original.path() + "/feed").body());
        assertThat(rss.getItems()).extracting(Item::getTitle).contains(close.title()).doesNotContain(original.title());
        var atom = FeedParsing.atom(get(original.path() + "/feed/atom").body());
        assertThat(atom.getEntries()).extracting(Entry::getTitle).contains(close.title());
        assertThat(FeedParsing.jsonTitles(FeedParsing.jsonFeed(get(original.path() + "/feed.json").body()))).contains(close.title());
    }
}
