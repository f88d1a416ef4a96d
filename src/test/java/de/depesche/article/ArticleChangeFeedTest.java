package de.depesche.article;

import java.time.Instant;
import java.util.List;

import de.depesche.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The read methods that derived data (a node's search index) uses to follow the articles. */
class ArticleChangeFeedTest extends IntegrationTest {

    @Autowired
    ArticleManagement articles;

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
}
