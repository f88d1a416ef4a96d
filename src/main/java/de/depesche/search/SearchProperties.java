package de.depesche.search;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Operator settings of the search index.
 *
 * @param catchUpInterval how often a node reads the articles' change feed (changes made on other nodes)
 * @param catchUpOverlap  how far back each read looks again, for transactions that committed late and clock skew
 * @param commitInterval  how often index changes are made durable (a crash loses at most this much, and catch-up repairs it)
 * @param recencyWeight   how much newer articles lead among search matches (0 = not at all)
 * @param recencyPivot    the age at which an article gets half of that lead
 * @param similarHalfLife the age at which a similar article counts 80 % instead of 100 % (older ones down to 60 %)
 * @param rebuild         rebuild the index at start-up ({@code --depesche.search.rebuild})
 * @param similarGraphMinArticles from how many articles on similar articles come from the similarity graph
 *                        (below, the direct comparison is as good and cheap)
 */
@ConfigurationProperties("depesche.search")
record SearchProperties(
        @DefaultValue("5s") Duration catchUpInterval,
        @DefaultValue("2m") Duration catchUpOverlap,
        @DefaultValue("30s") Duration commitInterval,
        @DefaultValue("1.5") float recencyWeight,
        @DefaultValue("30d") Duration recencyPivot,
        @DefaultValue("180d") Duration similarHalfLife,
        @DefaultValue("false") boolean rebuild,
        @DefaultValue("200") int similarGraphMinArticles) {}
