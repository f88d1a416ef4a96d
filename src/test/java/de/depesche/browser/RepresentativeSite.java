package de.depesche.browser;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import de.depesche.account.AccountManagement;
import de.depesche.account.NewStaff;
import de.depesche.account.Role;
import de.depesche.account.StaffMember;
import de.depesche.account.StaffPrincipal;
import de.depesche.article.Article;
import de.depesche.article.ArticleDraft;
import de.depesche.article.ArticleManagement;
import de.depesche.article.Category;
import de.depesche.article.ImageLibrary;
import de.depesche.article.StoredImage;
import de.depesche.comment.Comment;
import de.depesche.comment.CommentManagement;
import de.depesche.comment.CommentSubmission;
import de.depesche.comment.RejectionReason;
import de.depesche.job.EmploymentType;
import de.depesche.job.FeedFormat;
import de.depesche.job.JobDraft;
import de.depesche.job.JobListing;
import de.depesche.job.JobListings;
import de.depesche.moderation.BanKind;
import de.depesche.moderation.ModerationDesk;
import de.depesche.promo.PromoDraft;
import de.depesche.promo.PromoKind;
import de.depesche.promo.PromoPlacement;
import de.depesche.promo.Promotions;
import de.depesche.site.Slugify;
import de.depesche.subscription.Channel;
import de.depesche.subscription.SubscriptionKind;
import de.depesche.subscription.SubscriptionManagement;
import de.depesche.subscription.SubscriptionRequest;
import de.depesche.support.StaffSession;
import de.depesche.support.TestData;
import de.depesche.support.TestDatabase;
import de.depesche.support.TestMail;
import jakarta.mail.internet.MimeMessage;
import org.jsoup.Jsoup;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.core.EventPublicationRegistry;

import static org.awaitility.Awaitility.await;

/**
 * Content that puts every kind of page into its fullest state: an article with image, Markdown
 * extras, approved comments with a reply and a pending one, a category, tags, an author with a bio,
 * jobs and an import report, promo boxes in both places, subscriptions with their confirm and manage
 * pages, search results, and the newsroom screens that list all of it. The checks in this package
 * (markup, accessibility, requests, layout) run over {@link #readerPages()} and {@link #newsroomPages()}.
 */
final class RepresentativeSite {

    /** One page to check: where it is, whether it needs a staff sign-in, and the status it answers with. */
    record Page(String name, String path, boolean staff, int status) {
        static Page reader(String name, String path) {
            return new Page(name, path, false, 200);
        }

        static Page newsroom(String name, String path) {
            return new Page(name, path, true, 200);
        }

        String fileName() {
            return name.replaceAll("[^A-Za-z0-9-]+", "-") + ".html";
        }
    }

    private static RepresentativeSite built;

    final Article article;
    final Article second;
    final Category category;
    final String tagSlug;
    final StaffMember author;
    final long topComment;
    final String searchWord;
    final JobListing job;
    final String managePath;
    final String confirmPath;
    final String commentNotifyPath;
    private final List<Page> reader = new ArrayList<>();
    private final List<Page> newsroom = new ArrayList<>();

    /** Built once per application context: the test classes of this package share it. */
    static synchronized RepresentativeSite of(ApplicationContext context, int port) {
        if (built == null || built.port != port) {
            built = new RepresentativeSite(context, port);
        }
        return built;
    }

    private final int port;

    private RepresentativeSite(ApplicationContext context, int port) {
        this.port = port;
        TestData data = context.getBean(TestData.class);
        AccountManagement accounts = context.getBean(AccountManagement.class);
        ArticleManagement articles = context.getBean(ArticleManagement.class);
        ImageLibrary images = context.getBean(ImageLibrary.class);
        CommentManagement comments = context.getBean(CommentManagement.class);
        ModerationDesk moderation = context.getBean(ModerationDesk.class);
        JobListings jobs = context.getBean(JobListings.class);
        Promotions promotions = context.getBean(Promotions.class);
        SubscriptionManagement subscriptions = context.getBean(SubscriptionManagement.class);
        EventPublicationRegistry events = context.getBean(EventPublicationRegistry.class);
        StaffPrincipal admin = data.admin();
        String run = Long.toString(System.nanoTime(), 36);

        author = accounts.create(new NewStaff("autorin-" + run + "@test.depesche.local", "Jana Prüfer " + run,
                Role.EDITOR, TestData.STAFF_PASSWORD), admin);
        accounts.updateProfile(author.id(), author.displayName(), Role.EDITOR,
                "Schreibt über Barrierefreiheit, Webstandards und <Technik> im Alltag.", true, admin);
        StaffPrincipal writer = accounts.principal(author.id()).orElseThrow();
        accounts.issueApiToken(admin.id(), "Prüfskript " + run);

        category = articles.createCategory("Prüfstand " + run, "Berichte aus dem Prüflabor & über Standards.", admin);
        searchWord = "Validierungslabor" + run.replaceAll("[0-9]", "");
        StoredImage image = images.upload("labor.jpg", "image/jpeg", resource("/images/photo.jpg"), writer);
        String body = """
                Im %s prüfen Fachleute, ob Webseiten den Standards genügen.

                ## Was geprüft wird

                - gültiges HTML
                - Kontraste und *Beschriftungen*
                - Tastaturbedienung

                > Ein Zitat aus dem Labor: „Jede Seite zählt.“

                | Prüfung | Ergebnis |
                |---|---|
                | Markup | bestanden |
                | Zugänglichkeit | bestanden |

                Mehr dazu auf [der Projektseite](https://example.org/projekt) und im Code: `axe.run()`.
                Die vollständige Prüfliste liegt unter https://example.org/pruefungen/barrierefreiheit/nachrichtenseiten/2026/vollstaendige-liste-aller-kriterien.html bereit.

                ```
                curl --silent https://example.org/pruefungen/barrierefreiheit/nachrichtenseiten/2026/liste.json
                ```

                ### Ausblick

                1. Erstens
                2. Zweitens
                """.formatted(searchWord);
        // Enough articles for a second page of the lists and of the search results (oldest first, so the
        // article with the image leads the home page).
        for (int i = 1; i <= 13; i++) {
            articles.publish(articles.create(new ArticleDraft("Kurzmeldung " + i + " aus dem Labor " + run, null, "KÖLN",
                    "Kurz notiert: Nummer " + i + ".", "Meldung " + i + " aus dem " + searchWord + ".",
                    List.of(category.slug()), List.of("Webstandards " + run), null, null, null, null, null), writer).id(), writer);
            // Let the reactions to each publication finish before the next: once, on a busy machine, a burst
            // of publications held all eight connections of the tests' pool for 30 s (see docs/quality.md).
            await().atMost(Duration.ofSeconds(30)).until(() -> events.findIncompletePublications().isEmpty());
        }
        second = articles.publish(articles.create(new ArticleDraft("Zweites Prüflabor im " + searchWord + " " + run, null,
                "MÜNCHEN", "Auch im Süden prüft ein Labor Webseiten auf gültiges HTML.",
                "Das zweite %s prüft Webseiten auf gültiges HTML, Kontraste und Beschriftungen.".formatted(searchWord),
                List.of(category.slug()), List.of("Barrierefreiheit"), null, null, null, null, null), writer).id(), writer);
        articles.publish(articles.create(new ArticleDraft("Drittes Stück ohne Bild " + run, null, null, "",
                "Ein kurzer Text ohne Vorspann, ohne Ortsmarke.", List.of(), List.of(), null, null, null, null, null), admin).id(), admin);
        article = articles.publish(articles.create(new ArticleDraft("Prüflabor für Webseiten öffnet: Barrierefreiheitsstärkungsgesetzesumsetzung beginnt " + run, null,
                "BERLIN / HAMBURG", "Ein Labor prüft Nachrichtenseiten auf gültiges HTML und Zugänglichkeit.", body,
                List.of(category.slug()), List.of("Barrierefreiheit", "Webstandards " + run), null, null,
                image.id(), "Blick in das Prüflabor", "Depesche/Test"), writer).id(), writer);
        tagSlug = Slugify.slugify("Webstandards " + run);

        String readerMail = "leserin-" + run + "@example.org";
        Comment top = comments.submit(new CommentSubmission(article.id(), null, "Lena Leserin",
                readerMail, "Ein sachlicher Beitrag zum Labor.\n\nMit einem zweiten Absatz.", true, true), "192.0.2.10");
        comments.approve(top.id(), admin);
        topComment = top.id();
        comments.approve(comments.submit(new CommentSubmission(article.id(), top.id(), "Max <Mustermann>",
                "max-" + run + "@example.org", "Eine Antwort auf den ersten Beitrag.", false, true), "192.0.2.11").id(), admin);
        comments.edit(top.id(), "Ein sachlicher Beitrag zum Labor, von der Redaktion gekürzt.", admin);
        comments.submit(new CommentSubmission(article.id(), null, "Werbung",
                "spam-" + run + "@example.org", "Billig kaufen: https://spam.example/a https://spam.example/b https://spam.example/c",
                false, true), "192.0.2.12");
        Comment banned = comments.submit(new CommentSubmission(second.id(), null, "Rüpel",
                "ruepel-" + run + "@example.org", "Ihr seid alle Idioten, dieser Artikel ist Müll.", false, true), "192.0.2.13");
        moderation.ban(List.of(banned.id()), BanKind.EMAIL, RejectionReason.DEMEANING, admin);
        comments.submit(new CommentSubmission(second.id(), null, "Noch offen",
                "offen-" + run + "@example.org", "Eine Frage zum zweiten Labor, die noch wartet.", false, true), "192.0.2.14");

        job = jobs.create(new JobDraft("Redakteurin Webstandards (m/w/d) " + run, "Prüfverlag Nord", List.of("Hamburg", "Kiel"),
                true, EmploymentType.FULL_TIME, "<p>Sie prüfen Seiten.</p><ul><li>HTML</li><li>Zugänglichkeit</li></ul>",
                "https://jobs.example.org/" + run, LocalDate.now(), LocalDate.now().plusDays(30)), admin);
        jobs.create(new JobDraft("Entwickler Barrierefreiheit " + run, "Labor Süd", List.of("München"), false,
                EmploymentType.PART_TIME, "<p>Teilzeit im Labor.</p>", "https://jobs.example.org/b" + run, null,
                LocalDate.now().plusDays(20)), admin);
        String feed = "<source><job><title>Importierte Stelle " + run + "</title><company>Feedverlag</company><city>Köln</city>"
                + "<url>https://jobs.example.org/import-" + run + "</url><description><![CDATA[<p>Aus dem Feed.</p>]]></description>"
                + "<jobtype>fulltime</jobtype></job><job><title></title></job></source>";
        jobs.importFeed(new ByteArrayInputStream(feed.getBytes(StandardCharsets.UTF_8)), "application/xml",
                de.depesche.job.JobSourceKind.API, "Testfeed " + run, admin);
        JobListing ended = jobs.create(new JobDraft("Abgelaufene Stelle " + run, "Altverlag", List.of("Bonn"), false,
                EmploymentType.TEMPORARY, "<p>Vorbei.</p>", "https://jobs.example.org/alt" + run, null, null), admin);
        context.getBean(JdbcClient.class).sql("update job_listing set valid_through = :past where id = :id")
                .param("past", Timestamp.from(Instant.now().minusSeconds(60))).param("id", ended.id()).update();
        jobs.expire();
        jobs.saveSource(null, "Stellenfeed " + run, "https://jobs.example.org/feed-" + run + ".xml", FeedFormat.XML, 24, false, true, admin);

        promotions.create(new PromoDraft(PromoKind.BOOK, "Handbuch Barrierefreiheit", "Das Buch zum Labor",
                "https://books.example.org/handbuch", null, "/img/logo.png", PromoPlacement.BELOW_ARTICLE, 0, true), admin);
        promotions.create(new PromoDraft(PromoKind.SUPPORT, "Unterstützen Sie uns", "Unabhängiger Journalismus",
                "https://support.example.org/", null, null, PromoPlacement.SIDEBAR, 1, true), admin);
        promotions.create(new PromoDraft(PromoKind.NEWSLETTER, "Die besten Meldungen per E-Mail", "Jede Woche",
                "/newsletter", null, null, PromoPlacement.BOTH, 2, true), admin);

        var feedReady = (SubscriptionManagement.Outcome.FeedReady) subscriptions.request(
                new SubscriptionRequest(null, SubscriptionKind.CATEGORY, category.slug(), Channel.FEED, true), "192.0.2.20");
        managePath = feedReady.managePath();
        String manageToken = managePath.substring(managePath.lastIndexOf('/') + 1);
        subscriptions.pause(manageToken, subscriptions.overview(manageToken).orElseThrow().subscriptions().getFirst().id());
        String subscriberMail = "abonnentin-" + run + "@example.org";
        subscriptions.request(new SubscriptionRequest(subscriberMail, SubscriptionKind.NEWSLETTER, "weekly", Channel.EMAIL, true),
                "192.0.2.21");
        confirmPath = linkIn(subscriberMail, "/abo/bestaetigen/[A-Za-z0-9_-]+");
        commentNotifyPath = linkIn(readerMail, "/kommentare/benachrichtigung/[A-Za-z0-9_-]+");

        // The index follows commits asynchronously: wait until all fifteen articles with the word are found.
        await().atMost(Duration.ofSeconds(30)).until(() -> Jsoup.parse(fetch("/suche?q=" + searchWord)).select(".search-count").text()
                .startsWith("15 "));

        reader.add(Page.reader("home", "/"));
        reader.add(Page.reader("home-page-2", "/?seite=2"));
        reader.add(Page.reader("article", article.path()));
        reader.add(Page.reader("article-second", second.path()));
        reader.add(Page.reader("category", "/kategorie/" + category.slug()));
        reader.add(Page.reader("category-page-2", "/kategorie/" + category.slug() + "?seite=2"));
        reader.add(Page.reader("tag", "/tag/" + tagSlug));
        reader.add(Page.reader("author", "/autor/" + author.slug()));
        reader.add(Page.reader("search", "/suche?q=" + searchWord));
        reader.add(Page.reader("search-page-2", "/suche?q=" + searchWord + "&seite=2"));
        reader.add(Page.reader("search-empty-form", "/suche"));
        reader.add(Page.reader("search-no-hits", "/suche?q=Zzyzxqwv"));
        reader.add(new Page("search-bad-query", "/suche?q=" + URLEncoder.encode("\"unbalanced (", StandardCharsets.UTF_8), false, 400));
        reader.add(Page.reader("search-filtered", "/suche?q=" + searchWord + "&kategorie=" + category.slug()
                + "&von=2020-01-01&bis=2099-12-31&sortierung=datum&archiv=1"));
        reader.add(Page.reader("jobs", "/jobs"));
        reader.add(Page.reader("jobs-filtered", "/jobs?ort=Hamburg&remote=1"));
        reader.add(Page.reader("job", job.path()));
        reader.add(new Page("job-gone", ended.path(), false, 410));
        reader.add(Page.reader("newsletter", "/newsletter"));
        reader.add(Page.reader("subscribe-category", "/abo/neu?kind=category&target=" + category.slug()));
        reader.add(Page.reader("subscribe-unknown", "/abo/neu?kind=unknown&target=x"));
        reader.add(Page.reader("subscription-confirm", confirmPath));
        reader.add(Page.reader("subscription-manage", managePath));
        reader.add(Page.reader("comment-reply", "/kommentare/" + topComment + "/antworten"));
        reader.add(Page.reader("comment-notify-confirm", commentNotifyPath));
        reader.add(Page.reader("comment-notify-stop", commentNotifyPath + "/abbestellen"));
        reader.add(Page.reader("privacy", "/datenschutz"));
        reader.add(Page.reader("impressum", "/impressum"));
        reader.add(Page.reader("login", "/admin/login"));
        reader.add(Page.reader("home-en", "/?lang=en"));
        reader.add(Page.reader("article-en", article.path() + "?lang=en"));
        reader.add(Page.reader("search-en", "/suche?lang=en&q=" + searchWord));
        reader.add(Page.reader("jobs-en", "/jobs?lang=en"));
        reader.add(Page.reader("newsletter-en", "/newsletter?lang=en"));
        reader.add(new Page("error-404", "/gibt-es-nicht-" + run, false, 404));
        reader.add(new Page("error-404-job", "/jobs/999999999", false, 404));
        reader.add(new Page("error-400", "/kategorie/" + category.slug() + "?seite=abc", false, 400));
        reader.add(new Page("error-500", de.depesche.support.TestData.FAILING_PATH, false, 500));

        newsroom.add(Page.newsroom("admin-home", "/admin"));
        newsroom.add(Page.newsroom("admin-articles", "/admin/articles"));
        newsroom.add(Page.newsroom("admin-articles-filtered", "/admin/articles?status=published&q=Labor"));
        newsroom.add(Page.newsroom("admin-article-new", "/admin/articles/new"));
        newsroom.add(Page.newsroom("admin-article-edit", "/admin/articles/" + article.id()));
        newsroom.add(Page.newsroom("admin-article-revisions", "/admin/articles/" + article.id() + "/revisions"));
        newsroom.add(Page.newsroom("admin-article-revision", "/admin/articles/" + article.id() + "/revisions/1"));
        newsroom.add(Page.newsroom("admin-categories", "/admin/categories"));
        newsroom.add(Page.newsroom("admin-moderation", "/admin/moderation"));
        newsroom.add(Page.newsroom("admin-moderation-item", "/admin/moderation/" + topComment));
        newsroom.add(Page.newsroom("admin-moderation-log", "/admin/moderation/log"));
        newsroom.add(Page.newsroom("admin-moderation-bans", "/admin/moderation/bans"));
        newsroom.add(Page.newsroom("admin-settings", "/admin/settings"));
        newsroom.add(Page.newsroom("admin-legal", "/admin/settings/legal"));
        newsroom.add(Page.newsroom("admin-newsletter", "/admin/newsletter"));
        newsroom.add(Page.newsroom("admin-newsletter-preview", "/admin/newsletter/vorschau?frequency=weekly"));
        newsroom.add(Page.newsroom("admin-subscribers", "/admin/subscribers?email=" + subscriberMail));
        newsroom.add(Page.newsroom("admin-mail", "/admin/mail"));
        newsroom.add(Page.newsroom("admin-staff", "/admin/staff"));
        newsroom.add(Page.newsroom("admin-staff-edit", "/admin/staff/" + author.id()));
        newsroom.add(Page.newsroom("admin-tokens", "/admin/tokens"));
        newsroom.add(Page.newsroom("admin-password", "/admin/password"));
        newsroom.add(Page.newsroom("admin-audit", "/admin/audit"));
        newsroom.add(Page.newsroom("admin-jobs", "/admin/jobs"));
        newsroom.add(Page.newsroom("admin-job-new", "/admin/jobs/new"));
        newsroom.add(Page.newsroom("admin-job-edit", "/admin/jobs/" + job.id()));
        newsroom.add(Page.newsroom("admin-job-sources", "/admin/jobs/sources"));
        newsroom.add(Page.newsroom("admin-job-reports", "/admin/jobs/reports"));
        newsroom.add(Page.newsroom("admin-promos", "/admin/promos"));
        newsroom.add(Page.newsroom("admin-promo-new", "/admin/promos/new"));
        newsroom.add(Page.newsroom("admin-search", "/admin/search"));
        StaffSession staff = staffSession();
        newsroom.add(Page.newsroom("admin-job-report", firstLink(staff, "/admin/jobs/reports", "/admin/jobs/reports/[0-9]+")));
        newsroom.add(Page.newsroom("admin-promo-edit", firstLink(staff, "/admin/promos", "/admin/promos/[0-9]+")));
    }

    List<Page> readerPages() {
        return List.copyOf(reader);
    }

    List<Page> newsroomPages() {
        return List.copyOf(newsroom);
    }

    /** The pages readers see most, for the checks that run a page at a time in several ways. */
    List<Page> mainReaderPages() {
        return List.of("home", "article", "category", "tag", "author", "search", "jobs", "job", "newsletter",
                "subscription-manage", "comment-reply", "privacy", "error-404").stream().map(this::reader).toList();
    }

    Page reader(String name) {
        return reader.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    Page newsroom(String name) {
        return newsroom.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    StaffSession staffSession() {
        return StaffSession.signedIn(port, TestDatabase.ADMIN_EMAIL, TestDatabase.ADMIN_PASSWORD);
    }

    private String fetch(String path) {
        return new StaffSession(port).get(path).body();
    }

    private static String firstLink(StaffSession staff, String listPath, String pattern) {
        return staff.page(listPath).select("a[href]").eachAttr("href").stream()
                .map(href -> URI.create(href).getPath())
                .filter(href -> href.matches(pattern)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no link like " + pattern + " on " + listPath));
    }

    private static String linkIn(String mailbox, String pathPattern) {
        Pattern p = Pattern.compile(pathPattern);
        await().atMost(Duration.ofSeconds(30)).until(() -> !TestMail.to(mailbox).isEmpty());
        MimeMessage mail = TestMail.to(mailbox).getFirst();
        Matcher m = p.matcher(TestMail.text(mail));
        if (!m.find()) {
            throw new IllegalStateException("no link like " + pathPattern + " in the mail to " + mailbox);
        }
        return m.group();
    }

    private static byte[] resource(String name) {
        try (InputStream in = RepresentativeSite.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
