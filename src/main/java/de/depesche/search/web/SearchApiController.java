package de.depesche.search.web;

import java.time.Instant;
import java.util.List;

import de.depesche.article.ArticleManagement;
import de.depesche.article.Article;
import de.depesche.search.ArticleSearch;
import de.depesche.search.SearchQuery;
import de.depesche.search.SearchResults;
import de.depesche.site.InvalidInput;
import de.depesche.site.JsonApi;
import de.depesche.site.NotFound;
import de.depesche.site.SiteProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Search and similar articles for anyone (public reads): only published articles ever appear. */
@RestController
@JsonApi
@RequestMapping("/api/v1")
class SearchApiController {

    private final ArticleSearch search;
    private final ArticleManagement articles;
    private final SiteProperties site;

    SearchApiController(ArticleSearch search, ArticleManagement articles, SiteProperties site) {
        this.search = search;
        this.articles = articles;
        this.site = site;
    }

    /** @param snippet HTML-escaped text with the matched words in {@code <mark>} */
    record Hit(long id, String title, String url, String snippet, Instant publishedAt, List<String> categories, double score) {}

    record Results(String query, int page, int totalPages, long total, boolean totalIsLowerBound,
                   @Nullable String suggestion, List<Hit> items) {}

    @GetMapping("/search")
    Results search(@RequestParam(required = false) @Nullable String q,
                   @RequestParam(required = false) @Nullable String category,
                   @RequestParam(required = false) @Nullable String from,
                   @RequestParam(required = false) @Nullable String to,
                   @RequestParam(required = false) @Nullable String sort,
                   @RequestParam(required = false) @Nullable String page,
                   @RequestParam(defaultValue = "true") boolean recency) {
        SearchQuery query = SearchParameters.read(q, category, from, to, sort, page, !recency, "from", "to", "sort", "page");
        if (query.text().isEmpty()) {
            throw InvalidInput.of("q", "validation.required");
        }
        SearchResults r = search.search(query);
        return new Results(query.text(), r.page(), r.totalPages(), r.total(), r.totalIsLowerBound(), r.suggestion(),
                r.hits().stream().map(h -> new Hit(h.articleId(), h.title(), site.url(h.path()), h.snippetHtml(),
                        h.publishedAt(), h.categories(), Math.round(h.score() * 1000) / 1000.0)).toList());
    }

    record Similar(long id, String title, String url, double score) {}

    record SimilarList(long articleId, List<Similar> items) {}

    @GetMapping("/articles/{id}/similar")
    SimilarList similar(@PathVariable long id, @RequestParam(defaultValue = "5") int limit) {
        Article article = articles.find(id).filter(Article::isPublished).orElseThrow(() -> new NotFound("article " + id));
        if (limit < 1 || limit > ArticleSearch.MAX_SIMILAR) {
            throw InvalidInput.of("limit", "search.limit.range", ArticleSearch.MAX_SIMILAR);
        }
        return new SimilarList(article.id(), search.findSimilar(id, limit).stream()
                .map(s -> new Similar(s.articleId(), s.title(), site.url(s.path()), s.score())).toList());
    }
}
