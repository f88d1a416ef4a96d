package de.depesche.discovery;

import de.depesche.article.ArticlePublished;
import de.depesche.article.ArticleUpdated;
import de.depesche.article.ArticleWithdrawn;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Queues the address of every article that went live, changed while live (and its old one after a new slug), or went offline. */
@Component
class IndexNowAnnouncements {

    private final IndexNow indexNow;

    IndexNowAnnouncements(IndexNow indexNow) {
        this.indexNow = indexNow;
    }

    @ApplicationModuleListener
    void on(ArticlePublished event) {
        indexNow.enqueue("/" + event.slug());
    }

    @ApplicationModuleListener
    void on(ArticleUpdated event) {
        if (event.published()) {
            indexNow.enqueue("/" + event.slug());
            if (event.previousSlug() != null) {
                // The old address now answers 301; engines move their entry sooner when told.
                indexNow.enqueue("/" + event.previousSlug());
            }
        }
    }

    @ApplicationModuleListener
    void on(ArticleWithdrawn event) {
        // The address now answers 404; engines learn it sooner when told.
        indexNow.enqueue("/" + event.slug());
    }
}
