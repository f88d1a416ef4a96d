package de.depesche.search;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import de.depesche.site.ArticlePagePart;
import org.springframework.stereotype.Component;

/** "Ähnliche Artikel" under each published article: the five closest in content. */
@Component
class SimilarArticlesPart implements ArticlePagePart {

    static final int SHOWN = 5;

    private final ArticleSearch search;

    SimilarArticlesPart(ArticleSearch search) {
        this.search = search;
    }

    @Override
    public Slot slot() {
        return Slot.BELOW_ARTICLE;
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public Optional<Rendered> render(ArticleOnPage article) {
        if (!article.published()) {
            return Optional.empty();
        }
        List<SimilarArticle> similar = search.findSimilar(article.id(), SHOWN);
        if (similar.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Rendered("search/parts", "similar", Map.of("articles", similar, "title", article.title()),
                Set.of("list")));
    }
}
