package de.depesche.search;

/**
 * An article close in content to another one.
 *
 * @param score 0…1; for {@link ArticleSearch#findSimilar} content similarity weighed by recency, for
 *              {@link ArticleSearch#earlierArticlesSimilarTo} content similarity alone
 */
public record SimilarArticle(long articleId, String title, String slug, double score) {

    public String path() {
        return "/" + slug;
    }
}
