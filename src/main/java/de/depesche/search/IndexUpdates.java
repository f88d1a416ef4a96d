package de.depesche.search;

import de.depesche.article.ArticleImported;
import de.depesche.article.ArticlePublished;
import de.depesche.article.ArticleUpdated;
import de.depesche.article.ArticleWithdrawn;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Brings the index of this node in line after each committed change to an article. */
@Component
class IndexUpdates {

    private final IndexKeeper index;

    IndexUpdates(IndexKeeper index) {
        this.index = index;
    }

    @ApplicationModuleListener
    void on(ArticlePublished event) {
        index.apply(event.articleId());
    }

    @ApplicationModuleListener
    void on(ArticleUpdated event) {
        index.apply(event.articleId());
    }

    @ApplicationModuleListener
    void on(ArticleWithdrawn event) {
        index.apply(event.articleId());
    }

    @ApplicationModuleListener
    void on(ArticleImported event) {
        index.apply(event.articleId());
    }
}
