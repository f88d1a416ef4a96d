package de.depesche.search;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import de.depesche.account.AccountManagement;
import de.depesche.account.StaffMember;
import de.depesche.article.Article;
import de.depesche.site.InvalidInput;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.search.Query;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Saved searches ("Suchagent"): checks a reader's query when it is saved, and tells which saved
 * queries a newly published article matches, with the same German analysis and query syntax as
 * /suche, but against that one article in memory (Lucene's MemoryIndex) rather than the whole index.
 */
@Component
public class SavedSearches {

    private final GermanAnalysis analysis;
    private final AccountManagement accounts;
    private final SearchEngine engine;
    private final Cache<String, Query> parsed = Caffeine.newBuilder().maximumSize(100_000).build();

    SavedSearches(GermanAnalysis analysis, AccountManagement accounts) {
        this.analysis = analysis;
        this.accounts = accounts;
        this.engine = new SearchEngine(analysis, new SearchEngine.Settings(0f, 1, ZoneOffset.UTC));
    }

    /** @throws InvalidInput when the query cannot be understood or holds nothing searchable */
    public void verify(String query) {
        if (query(query) == null) {
            throw InvalidInput.of("target", "search.query.nothing");
        }
    }

    /** The ids of the saved queries this article matches. Queries that no longer parse are skipped. */
    public List<Long> matching(Map<Long, String> queries, Article article) {
        if (queries.isEmpty()) {
            return List.of();
        }
        String author = accounts.find(article.authorId()).map(StaffMember::displayName).orElse("");
        MemoryIndex memory = MemoryIndex.fromDocument(IndexedArticle.of(article, author).toDocument(), analysis.indexAnalyzer());
        List<Long> matched = new ArrayList<>();
        queries.forEach((id, text) -> {
            Query q;
            try {
                q = query(text);
            } catch (InvalidInput e) {
                return;
            }
            if (q != null && memory.search(q) > 0.0f) {
                matched.add(id);
            }
        });
        return matched;
    }

    private @Nullable Query query(String text) {
        Query cached = parsed.getIfPresent(text);
        if (cached != null) {
            return cached;
        }
        ReaderQuery reader = ReaderQuery.parse(text);
        SearchQuery q = new SearchQuery(text, null, null, null, SearchSort.RELEVANCE, 1, false);
        Query query = engine.build(reader, q, Instant.EPOCH);
        if (query != null) {
            parsed.put(text, query);
        }
        return query;
    }
}
