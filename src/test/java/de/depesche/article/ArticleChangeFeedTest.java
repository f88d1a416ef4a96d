package de.depesche.article;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import de.depesche.account.AccountManagement;
import de.depesche.account.Role;
import de.depesche.account.StaffMember;
import de.depesche.account.StaffPrincipal;
import de.depesche.support.IntegrationTest;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The read methods that derived data (a node's search index) uses to follow the articles. */
class ArticleChangeFeedTest extends IntegrationTest {

    @Autowired
    ArticleManagement articles;

    @Autowired
    AccountManagement accounts;

    @Test
    void publishedBatchesCarryTheFullTextInIdOrderAndSkipUnpublishedArticles() {
        data.category("Technik");
        Article first = data.published(unique("Stapel eins"), "BONN", "Erster **Text**.", "technik");
        Article draft = data.draft(unique("Stapel Entwurf"));
        Article second = data.published(unique("Stapel zwei"));

        List<Article> batch = articles.publishedBatch(first.id() - 1, 1_000);
        assertThat(batch).extracting(Article::id).contains(first.id(), second.id()).doesNotContain(draft.id()).isSorted();
        Article loaded = batch.stream().filter(a -> a.id() == first.id()).findFirst().orElseThrow();
        assertThat(loaded.bodyHtml()).contains("<strong>Text</strong>");
        assertThat(loaded.categories()).extracting(Category::slug).containsExactly("technik");
        assertThat(loaded.tags()).extracting(Tag::name).containsExactly("Testthema");
        assertThat(articles.publishedBatch(first.id() - 1, 1)).extracting(Article::id).containsExactly(first.id());
        assertThat(articles.publishedBatch(Long.MAX_VALUE - 1, 10)).isEmpty();
    }

    @Test
    void changesComeInOrderOfTimeAndIdAndIncludeWithdrawals() {
        Instant before = Instant.now().minusSeconds(1);
        Article a = data.published(unique("Änderung eins"));
        Article b = data.published(unique("Änderung zwei"));
        articles.unpublish(a.id(), data.admin());

        List<ArticleChange> changes = articles.changedSince(before, 0, 10_000);
        assertThat(changes).extracting(ArticleChange::articleId).contains(a.id(), b.id());
        ArticleChange withdrawn = changes.stream().filter(c -> c.articleId() == a.id()).findFirst().orElseThrow();
        assertThat(withdrawn.status()).isEqualTo(ArticleStatus.UNPUBLISHED);
        assertThat(changes).isSortedAccordingTo(java.util.Comparator.comparing(ArticleChange::updatedAt)
                .thenComparing(ArticleChange::articleId));

        ArticleChange last = changes.getLast();
        assertThat(articles.changedSince(last.updatedAt(), last.articleId(), 10)).isEmpty();
        List<ArticleChange> firstOnly = articles.changedSince(before, 0, 1);
        assertThat(firstOnly).hasSize(1);
        assertThat(articles.changedSince(firstOnly.getFirst().updatedAt(), firstOnly.getFirst().articleId(), 10_000))
                .hasSize(changes.size() - 1);
    }

    @Test
    void importedArticlesComeThroughTheChangeFeedAndKeepTheirOriginalDateForReaders() {
        Instant before = Instant.now().minusSeconds(1);
        Instant original = Instant.parse("2019-03-14T09:30:00Z");
        Article imported = articles.importPublished(data.draft(unique("Aus dem Archiv"), "BONN", "Ein alter Text."),
                data.admin().id(), original, data.admin());

        List<ArticleChange> changes = articles.changedSince(before, 0, 10_000);
        assertThat(changes).extracting(ArticleChange::articleId).contains(imported.id());
        ArticleChange change = changes.stream().filter(c -> c.articleId() == imported.id()).findFirst().orElseThrow();
        assertThat(change.updatedAt()).isAfter(before);
        assertThat(change.status()).isEqualTo(ArticleStatus.PUBLISHED);

        assertThat(imported.publishedAt()).isEqualTo(original);
        assertThat(imported.updatedAt()).isEqualTo(original);
        Document page = Jsoup.parse(get(imported.path()).body());
        assertThat(page.select(".article time").first().attr("datetime")).startsWith("2019-03-14");
        assertThat(page.select(".article time")).hasSize(1);
    }

    @Test
    void renamingACategoryPutsItsArticlesIntoTheChangeFeed() {
        Category category = data.category(unique("Rubrik"));
        Article inside = data.published(unique("In der Rubrik"), "BONN", "Text.", category.slug());
        Article outside = data.published(unique("Außerhalb"));
        Instant before = articles.changedSince(Instant.EPOCH, 0, 1_000_000).getLast().updatedAt();
        pause();

        articles.updateCategory(category.slug(), category.name() + " neu", "", data.admin());

        assertThat(articles.changedSince(before, Long.MAX_VALUE, 10_000)).extracting(ArticleChange::articleId)
                .contains(inside.id()).doesNotContain(outside.id());
        assertThat(articles.find(inside.id()).orElseThrow().updatedAt()).isEqualTo(inside.updatedAt());
        assertThat(Jsoup.parse(get(inside.path()).body()).select(".kicker a").text()).isEqualTo(category.name() + " neu");
    }

    @Test
    void renamingAnAuthorPutsTheirArticlesIntoTheChangeFeedAndUpdatesTheirPages() {
        StaffMember author = data.staff(Role.EDITOR);
        StaffPrincipal asAuthor = data.principal(author);
        Article theirs = articles.publish(articles.create(data.draft(unique("Mit Namen"), "BONN", "Text."), asAuthor).id(), asAuthor);
        Article other = data.published(unique("Von jemand anderem"));
        assertThat(Jsoup.parse(get(theirs.path()).body()).select(".byline a[rel=author]").text()).isEqualTo(author.displayName());
        Instant before = articles.changedSince(Instant.EPOCH, 0, 1_000_000).getLast().updatedAt();
        pause();

        accounts.updateProfile(author.id(), "Neuer Name " + author.id(), author.role(), "", true, data.admin());

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(articles.changedSince(before, Long.MAX_VALUE, 10_000)).extracting(ArticleChange::articleId)
                        .contains(theirs.id()).doesNotContain(other.id()));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(Jsoup.parse(get(theirs.path()).body()).select(".byline a[rel=author]").text())
                        .isEqualTo("Neuer Name " + author.id()));
        assertThat(articles.find(theirs.id()).orElseThrow().updatedAt()).isEqualTo(theirs.updatedAt());
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
