package de.depesche.subscription;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import de.depesche.site.ArticlePagePart;
import org.springframework.stereotype.Component;

/**
 * The box under every article: "Sie möchten über ähnliche News wie »…« informiert werden?", by e-mail
 * or through the article's feed, and the main feed for those who want everything.
 */
@Component
class SubscriptionBox implements ArticlePagePart {

    @Override
    public Slot slot() {
        return Slot.BELOW_ARTICLE;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public Optional<Rendered> render(ArticleOnPage article) {
        if (!article.published()) {
            return Optional.empty();
        }
        return Optional.of(new Rendered("subscription/parts", "box", Map.of(
                "articleId", article.id(), "title", article.title(), "feedPath", "/" + article.slug() + "/feed"), Set.of()));
    }
}
