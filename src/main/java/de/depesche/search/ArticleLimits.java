package de.depesche.search;

import de.depesche.article.ArticleManagement;

/** Sizes the index must handle, taken from the publishing rules. */
final class ArticleLimits {

    /** The longest body text, with room for the title, lead and tags around it. */
    static final int BODY_CHARS = ArticleManagement.BODY_MAX + ArticleManagement.LEAD_MAX + 10_000;

    private ArticleLimits() {}
}
