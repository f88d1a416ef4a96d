package de.depesche.site;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A part of the article page that another module contributes (similar articles, comments, the
 * subscription box, job listings, recommendations), so that the publishing module need not know
 * those modules. Each part names a Thymeleaf fragment and the data it shows; the page cache keeps
 * the page until a change with one of the part's cache tags.
 */
public interface ArticlePagePart {

    /** Where the part appears: under the article text, or in the sidebar beside it. */
    enum Slot { BELOW_ARTICLE, SIDEBAR }

    Slot slot();

    /** Position within the slot, lower first. */
    int order();

    /** The part for this article, or empty when it has nothing to show. */
    Optional<Rendered> render(ArticleOnPage article);

    /**
     * What the article page knows about the article it shows.
     *
     * @param published whether readers can see it (a preview may show unpublished articles)
     */
    record ArticleOnPage(long id, String title, String slug, String lead, List<String> categorySlugs,
                         List<String> tagSlugs, long authorId, boolean published) {

        public ArticleOnPage {
            categorySlugs = List.copyOf(categorySlugs);
            tagSlugs = List.copyOf(tagSlugs);
        }
    }

    /**
     * @param template  the template that holds the fragment, e.g. {@code search/parts}
     * @param fragment  the fragment's name, e.g. {@code similar}
     * @param data      what the fragment shows, available there as {@code ${part.data()}}
     * @param cacheTags the content this part shows, for the page cache
     */
    record Rendered(String template, String fragment, Map<String, Object> data, Set<String> cacheTags) {

        public Rendered {
            data = Map.copyOf(data);
            cacheTags = Set.copyOf(cacheTags);
        }
    }
}
