package de.depesche.article;

import java.time.Instant;
import java.util.List;

import de.depesche.account.Role;
import de.depesche.account.StaffPrincipal;
import de.depesche.site.InvalidInput;
import de.depesche.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@RecordApplicationEvents
class ArticleManagementTest extends IntegrationTest {

    @Autowired
    ArticleManagement articles;

    @Autowired
    ApplicationEvents events;

    private ArticleDraft draft(String title, String body) {
        return new ArticleDraft(title, null, "BERLIN", "Vorspann", body, List.of(), List.of(), null, null, null, null, null);
    }

    private List<String> problemKeys(Runnable action) {
        try {
            action.run();
        } catch (InvalidInput e) {
            return e.problems().stream().map(p -> p.field() + ":" + p.messageKey()).toList();
        }
        throw new AssertionError("expected the input to be refused");
    }

    @Test
    void publishingAnnouncesTheArticleOnceAndRecordsWhoDidIt() {
        Article a = articles.create(draft(unique("Neue Meldung"), "Text"), data.admin());
        assertThat(a.status()).isEqualTo(ArticleStatus.DRAFT);
        Article live = articles.publish(a.id(), data.admin());
        articles.publish(a.id(), data.admin());

        assertThat(live.status()).isEqualTo(ArticleStatus.PUBLISHED);
        assertThat(live.publishedAt()).isNotNull();
        assertThat(events.stream(ArticlePublished.class).filter(e -> e.articleId() == a.id())).hasSize(1);
        assertThat(articles.revisions(a.id())).extracting(Revision::changes).containsExactly("revision.published", "revision.created");
    }

    @Test
    void emptyOverlongAndBrokenTitlesAreRefusedWithReasons() {
        assertThat(problemKeys(() -> articles.create(draft("   ", "Text"), data.admin()))).containsExactly("title:validation.required");
        assertThat(problemKeys(() -> articles.create(draft("x".repeat(201), "Text"), data.admin()))).containsExactly("title:validation.tooLong");
        assertThat(problemKeys(() -> articles.create(draft("Kaputt \uFFFD kodiert", "Text"), data.admin()))).containsExactly("title:validation.encoding");
        assertThat(problemKeys(() -> articles.create(draft("Mit\u0007Glocke", "Text"), data.admin()))).containsExactly("title:validation.controlCharacters");
    }

    @Test
    void hugeBodiesAreRefusedAndNothingSavedIsLost() {
        Article a = articles.create(draft(unique("Bleibt erhalten"), "Der ursprüngliche Text."), data.admin());
        String huge = "Absatz. ".repeat(30_000);
        assertThat(problemKeys(() -> articles.update(a.id(), a.version(), draft(a.title(), huge), data.admin())))
                .containsExactly("body:article.body.tooLong");
        assertThat(articles.find(a.id()).orElseThrow().bodyMarkdown()).isEqualTo("Der ursprüngliche Text.");
    }

    @Test
    void unknownCategoriesAndTooManyTagsAreRefused() {
        ArticleDraft unknown = new ArticleDraft(unique("Kategorie"), null, null, "", "Text", List.of("gibt-es-nicht"),
                List.of(), null, null, null, null, null);
        assertThat(problemKeys(() -> articles.create(unknown, data.admin()))).containsExactly("categories:article.category.unknown");
        ArticleDraft tags = new ArticleDraft(unique("Tags"), null, null, "", "Text", List.of(),
                java.util.stream.IntStream.range(0, 25).mapToObj(i -> "Thema " + i).toList(), null, null, null, null, null);
        assertThat(problemKeys(() -> articles.create(tags, data.admin()))).containsExactly("tags:article.tags.tooMany");
    }

    @Test
    void duplicateSlugsAreRefusedWhenChosenAndNumberedWhenDerived() {
        String title = unique("Gleicher Titel");
        Article first = articles.create(draft(title, "Text"), data.admin());
        Article second = articles.create(draft(title, "Text"), data.admin());
        assertThat(second.slug()).isEqualTo(first.slug() + "-2");
        ArticleDraft chosen = new ArticleDraft(unique("Anderer"), first.slug(), null, "", "Text", List.of(), List.of(),
                null, null, null, null, null);
        assertThat(problemKeys(() -> articles.create(chosen, data.admin()))).containsExactly("slug:article.slug.taken");
        ArticleDraft invalid = new ArticleDraft(unique("Anderer"), "Ungültig Ä", null, "", "Text", List.of(), List.of(),
                null, null, null, null, null);
        assertThat(problemKeys(() -> articles.create(invalid, data.admin()))).containsExactly("slug:article.slug.invalid");
    }

    /** Addresses the site answers itself: an article there would never be reached. */
    private static final List<String> FIXED_ADDRESSES = List.of("suche", "jobs", "newsletter", "datenschutz", "impressum",
            "feed", "abo", "go", "kategorie", "tag", "autor", "admin", "api", "actuator", "error", "robots", "sitemap",
            "sitemap-news", "css", "fonts", "js", "img", "media", "kommentare", "favicon");

    @Test
    void slugsOfFixedPagesAreRefusedWhenChosenAndNumberedWhenDerived() {
        for (String fixed : FIXED_ADDRESSES) {
            ArticleDraft chosen = new ArticleDraft(unique("Feste Seite"), fixed, null, "", "Text", List.of(), List.of(),
                    null, null, null, null, null);
            assertThat(problemKeys(() -> articles.create(chosen, data.admin()))).as(fixed)
                    .containsExactly("slug:article.slug.reserved");
        }
        Article search = articles.create(draft("Suche", "Ein Artikel über das Suchen."), data.admin());
        assertThat(search.slug()).isEqualTo("suche-2");
        Article sitemap = articles.create(draft("Sitemap", "Ein Artikel über Sitemaps."), data.admin());
        assertThat(sitemap.slug()).isEqualTo("sitemap-2");
        Article jobs = data.published("Jobs");
        assertThat(jobs.slug()).isEqualTo("jobs-2");
        assertThat(get("/jobs-2").statusCode()).isEqualTo(200);
        assertThat(get("/jobs").body()).doesNotContain("Der erste Absatz des Textes.");

        Article a = articles.create(draft(unique("Umzug"), "Text"), data.admin());
        ArticleDraft moved = new ArticleDraft(a.title(), "impressum", null, "", "Text", List.of(), List.of(),
                null, null, null, null, null);
        assertThat(problemKeys(() -> articles.update(a.id(), a.version(), moved, data.admin())))
                .containsExactly("slug:article.slug.reserved");
        assertThat(articles.find(a.id()).orElseThrow().slug()).isEqualTo(a.slug());
    }

    @Test
    void aFormerSlugStaysReservedForItsArticle() {
        Article a = data.published(unique("Umbenannt"));
        String old = a.slug();
        articles.update(a.id(), a.version(), new ArticleDraft(a.title(), old + "-neu", null, "", "Text", List.of(), List.of(),
                null, null, null, null, null), data.admin());
        ArticleDraft thief = new ArticleDraft(unique("Dieb"), old, null, "", "Text", List.of(), List.of(), null, null, null, null, null);
        assertThat(problemKeys(() -> articles.create(thief, data.admin()))).containsExactly("slug:article.slug.taken");
        assertThat(articles.findPublished(old)).isInstanceOf(ArticleManagement.SlugLookup.Moved.class);
    }

    @Test
    void scriptInMarkdownIsStoredAsWrittenButRenderedInert() {
        Article a = articles.create(draft(unique("Skript"), "Hallo <script>alert(1)</script> [x](javascript:alert(2))"), data.admin());
        assertThat(a.bodyMarkdown()).contains("<script>");
        assertThat(a.bodyHtml()).doesNotContain("<script", "javascript:").contains("Hallo");
    }

    @Test
    void twoEditorsCannotOverwriteEachOther() {
        Article a = articles.create(draft(unique("Gleichzeitig"), "Text"), data.admin());
        articles.update(a.id(), a.version(), draft(a.title(), "Fassung A"), data.admin());
        assertThat(problemKeys(() -> articles.update(a.id(), a.version(), draft(a.title(), "Fassung B"), data.admin())))
                .containsExactly(":article.conflict");
        assertThat(articles.find(a.id()).orElseThrow().bodyMarkdown()).isEqualTo("Fassung A");
    }

    @Test
    void authorsEditOnlyTheirOwnDraftsAndNeverPublish() {
        StaffPrincipal author = data.principal(data.staff(Role.AUTHOR));
        StaffPrincipal other = data.principal(data.staff(Role.AUTHOR));
        Article own = articles.create(draft(unique("Von der Autorin"), "Text"), author);
        articles.update(own.id(), own.version(), draft(own.title(), "Überarbeitet"), author);

        assertThatThrownBy(() -> articles.publish(own.id(), author)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> articles.update(own.id(), own.version() + 1, draft(own.title(), "Fremd"), other))
                .isInstanceOf(AccessDeniedException.class);
        Article published = articles.publish(own.id(), data.admin());
        assertThatThrownBy(() -> articles.update(own.id(), published.version(), draft(own.title(), "Nachträglich"), author))
                .isInstanceOf(AccessDeniedException.class);
        StaffPrincipal moderator = data.principal(data.staff(Role.MODERATOR));
        assertThatThrownBy(() -> articles.create(draft("Moderation", "Text"), moderator)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void articlesWithoutTextCannotBePublishedOrScheduledIntoThePast() {
        Article empty = articles.create(draft(unique("Leer"), ""), data.admin());
        assertThat(problemKeys(() -> articles.publish(empty.id(), data.admin()))).containsExactly("body:article.publish.emptyBody");
        Article a = articles.create(draft(unique("Zu spät"), "Text"), data.admin());
        assertThat(problemKeys(() -> articles.schedule(a.id(), Instant.now().minusSeconds(60), data.admin())))
                .containsExactly("publishAt:article.schedule.past");
    }

    @Test
    void savingWithAStatusIsAllOrNothing() {
        String title = unique("Alles oder nichts");
        assertThat(problemKeys(() -> articles.save(null, 0, draft(title, ""), ArticleStatus.PUBLISHED, null, data.admin())))
                .containsExactly("body:article.publish.emptyBody");
        assertThat(articles.newsroomList(new ArticleManagement.NewsroomFilter(null, null, null, title), 1, 10).total()).isZero();
    }

    @Test
    void withdrawingAnArticleAnnouncesIt() {
        Article a = data.published(unique("Zurückgezogen"));
        articles.unpublish(a.id(), data.admin());
        assertThat(events.stream(ArticleWithdrawn.class).filter(e -> e.articleId() == a.id())).hasSize(1);
        assertThat(articles.find(a.id()).orElseThrow().status()).isEqualTo(ArticleStatus.UNPUBLISHED);
    }
}
