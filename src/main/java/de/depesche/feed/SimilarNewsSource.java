package de.depesche.feed;

import java.util.List;
import java.util.Set;

/**
 * Names the news that appeared after an article and is close to it in content, for the article's
 * feed at {@code /<article-slug>/feed}. Without such a bean that feed exists but stays empty.
 */
public interface SimilarNewsSource {

    /**
     * Published articles similar to the given one and published after it, newest first, at most {@code limit}.
     */
    SimilarNews laterSimilar(long articleId, int limit);

    /**
     * @param articleIds newest first; unknown or unpublished ids are skipped
     * @param cacheTags  the page-cache tags under which this answer changes: the feed is kept until a
     *                   {@code SiteChanges.record} with one of them (besides {@code list} and the article's
     *                   own tag), e.g. {@code similar:42} recorded when a new match for article 42 is stored
     */
    record SimilarNews(List<Long> articleIds, Set<String> cacheTags) {

        public SimilarNews {
            articleIds = List.copyOf(articleIds);
            cacheTags = Set.copyOf(cacheTags);
        }
    }
}
