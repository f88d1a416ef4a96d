package de.depesche.article;

import de.depesche.account.StaffRenamed;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Keeps bylines current: a renamed author's articles go into the change feed. */
@Component
class AuthorNames {

    private final ArticleManagement articles;

    AuthorNames(ArticleManagement articles) {
        this.articles = articles;
    }

    @ApplicationModuleListener
    void on(StaffRenamed event) {
        articles.authorRenamed(event.staffId());
    }
}
