package de.depesche.feed;

import java.util.ArrayList;
import java.util.List;

import de.depesche.account.AccountManagement;
import de.depesche.account.StaffMember;
import de.depesche.article.Article;
import de.depesche.article.ArticleManagement;
import de.depesche.article.ArticlePublished;
import de.depesche.article.ArticleUpdated;
import de.depesche.article.ArticleWithdrawn;
import de.depesche.comment.CommentApproved;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Finds the feeds a change touches and announces them to the WebSub hub. The page cache needs no
 * help here: the publishing and comment modules record their changes, and feeds carry those tags.
 */
@Component
class FeedChanges {

    private final ArticleManagement articles;
    private final AccountManagement accounts;
    private final WebSubPings pings;

    FeedChanges(ArticleManagement articles, AccountManagement accounts, WebSubPings pings) {
        this.articles = articles;
        this.accounts = accounts;
        this.pings = pings;
    }

    @ApplicationModuleListener
    void on(ArticlePublished event) {
        announceListsOf(event.articleId());
    }

    @ApplicationModuleListener
    void on(ArticleUpdated event) {
        if (event.published()) {
            announceListsOf(event.articleId());
        }
    }

    @ApplicationModuleListener
    void on(ArticleWithdrawn event) {
        announceListsOf(event.articleId());
    }

    @ApplicationModuleListener
    void on(CommentApproved event) {
        if (!pings.enabled()) {
            return;
        }
        articles.find(event.articleId()).filter(Article::isPublished)
                .ifPresent(a -> pings.announce(List.of(FeedManagement.commentsPath(a.slug()))));
    }

    /** The site feed and the feeds of the article's categories, tags and author. */
    private void announceListsOf(long articleId) {
        if (!pings.enabled()) {
            return;
        }
        articles.find(articleId).ifPresent(a -> {
            List<String> paths = new ArrayList<>();
            paths.add("/feed");
            a.categories().forEach(c -> paths.add("/kategorie/" + c.slug() + "/feed"));
            a.tags().forEach(t -> paths.add("/tag/" + t.slug() + "/feed"));
            accounts.find(a.authorId()).filter(StaffMember::enabled).ifPresent(m -> paths.add("/autor/" + m.slug() + "/feed"));
            pings.announce(paths);
        });
    }
}
