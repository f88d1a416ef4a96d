package de.depesche.article;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import de.depesche.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The read methods sitemaps use: addresses with their true last change, and what went live recently. */
class PublishedPathsTest extends IntegrationTest {

    @Autowired
    ArticleManagement articles;

    private List<PublishedPath> allPublished() {
        List<PublishedPath> all = new ArrayList<>();
        for (int offset = 0; ; offset += 100) {
            List<PublishedPath> page = articles.publishedPaths(offset, 100);
            all.addAll(page);
            if (page.size() < 100) {
                return all;
            }
        }
    }

    @Test
    void publishedPathsListEveryLiveArticleOnceWithItsLastChange() {
        Article live = data.published(unique("Adresse live"));
        Article draft = data.draft(unique("Adresse Entwurf"));
        Article withdrawn = data.published(unique("Adresse zurückgezogen"));
        articles.unpublish(withdrawn.id(), data.admin());
        List<PublishedPath> all = allPublished();
        assertThat(all).hasSize((int) articles.publishedCount());
        assertThat(all).extracting(PublishedPath::path).contains(live.path()).doesNotContain(draft.path(), withdrawn.path())
                .doesNotHaveDuplicates();
        Article edited = articles.update(live.id(), live.version(), new ArticleDraft(live.title() + " (korrigiert)", null,
                live.dateline(), live.lead(), live.bodyMarkdown(), List.of(), List.of(), null, null, null, null, null), data.admin());
        assertThat(allPublished()).contains(new PublishedPath(live.path(), edited.updatedAt()));
    }

    @Test
    void categoriesAndTagsCarryTheLastChangeOfTheirArticles() {
        data.category("Verkehr");
        Article a = data.published(unique("Bahnstreik"), "BERLIN", "Text.", "verkehr");
        Article b = data.published(unique("Bahnstreik zwei"), "BERLIN", "Text.", "verkehr");
        PublishedPath category = articles.categoryPaths().stream().filter(p -> p.path().equals("/kategorie/verkehr"))
                .findFirst().orElseThrow();
        assertThat(category.lastModified()).isEqualTo(articles.find(b.id()).orElseThrow().updatedAt());
        List<PublishedPath> tags = articles.tagPaths(0, 10_000);
        assertThat(tags).hasSize((int) articles.tagPathCount());
        assertThat(tags).extracting(PublishedPath::path).contains("/tag/testthema");
        assertThat(a.id()).isLessThan(b.id());
    }

    @Test
    void publishedSinceHasOnlyWhatWentLiveInTheWindowNewestFirst() {
        Article older = articles.importPublished(data.draft(unique("Von vorgestern"), "ROM", "Text."), data.admin().id(),
                Instant.now().minusSeconds(3 * 24 * 3600), data.admin());
        Article first = data.published(unique("Frisch eins"));
        Article second = data.published(unique("Frisch zwei"));
        List<ArticleTeaser> recent = articles.publishedSince(Instant.now().minusSeconds(48 * 3600), 1000);
        List<Long> ids = recent.stream().map(ArticleTeaser::id).toList();
        assertThat(ids).contains(first.id(), second.id()).doesNotContain(older.id());
        assertThat(ids.indexOf(second.id())).isLessThan(ids.indexOf(first.id()));
    }
}
