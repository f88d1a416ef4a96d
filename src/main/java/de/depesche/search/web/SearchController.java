package de.depesche.search.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import de.depesche.article.ArticleManagement;
import de.depesche.article.Category;
import de.depesche.search.ArticleSearch;
import de.depesche.search.SearchQuery;
import de.depesche.search.SearchResults;
import de.depesche.site.InvalidInput;
import de.depesche.site.PageMeta;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The reader's research page {@code /suche}: a form that works without JavaScript, results with
 * highlighted snippets, filters, sorting, pages, "did you mean" and links to research the same words
 * elsewhere. Input it cannot use is explained on the page (400), never answered with an error page.
 */
@Controller
class SearchController {

    static final String VIEW = "search/search";

    private final ArticleSearch search;
    private final ArticleManagement articles;
    private final MessageSource messages;

    SearchController(ArticleSearch search, ArticleManagement articles, MessageSource messages) {
        this.search = search;
        this.articles = articles;
        this.messages = messages;
    }

    @GetMapping("/suche")
    String search(@RequestParam(required = false) @Nullable String q,
                  @RequestParam(name = "kategorie", required = false) @Nullable String category,
                  @RequestParam(name = "von", required = false) @Nullable String from,
                  @RequestParam(name = "bis", required = false) @Nullable String to,
                  @RequestParam(name = "sortierung", required = false) @Nullable String sort,
                  @RequestParam(name = "seite", required = false) @Nullable String page,
                  @RequestParam(name = "archiv", required = false) @Nullable String archive,
                  Model model, HttpServletResponse response) {
        String text = q == null ? "" : q;
        boolean archiveSearch = archive != null && !archive.isBlank();
        List<Category> categories = articles.categories();
        model.addAttribute("q", text.length() > 2 * 500 ? text.substring(0, 1000) : text);
        model.addAttribute("categories", categories);
        model.addAttribute("category", category == null ? "" : category);
        model.addAttribute("from", from == null ? "" : from);
        model.addAttribute("to", to == null ? "" : to);
        model.addAttribute("sort", sort == null || sort.isBlank() ? "relevanz" : sort);
        model.addAttribute("archive", archiveSearch);
        model.addAttribute("meta", new PageMeta(text.isBlank() ? message("search.title")
                : message("search.title.query", abbreviate(text)), message("search.description"), "/suche").noindex(true));
        try {
            SearchQuery query = SearchParameters.read(text, category, from, to, sort, page, archiveSearch,
                    "von", "bis", "sortierung", "seite");
            if (query.category() != null && categories.stream().noneMatch(c -> c.slug().equals(query.category()))) {
                throw InvalidInput.of("kategorie", "search.category.unknown");
            }
            if (query.text().isEmpty()) {
                return VIEW;
            }
            SearchResults results = search.search(query);
            model.addAttribute("results", results);
            model.addAttribute("pages", pageLinks(results));
            if (results.suggestion() != null) {
                model.addAttribute("suggestionLink", link(query.withText(results.suggestion()), 1));
            }
        } catch (InvalidInput e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            List<String> problems = new ArrayList<>();
            e.problems().forEach(p -> problems.add(message(p.messageKey(), p.args())));
            model.addAttribute("problems", problems);
        }
        return VIEW;
    }

    /** A link to one result page, with the same query and filters. */
    record PageLink(int number, String href, boolean current) {}

    private List<PageLink> pageLinks(SearchResults results) {
        List<PageLink> links = new ArrayList<>();
        int first = Math.max(1, results.page() - 4);
        int last = Math.min(results.totalPages(), first + 8);
        for (int n = first; n <= last; n++) {
            links.add(new PageLink(n, link(results.query(), n), n == results.page()));
        }
        return links;
    }

    static String link(SearchQuery q, int page) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath("/suche").queryParam("q", q.text());
        if (q.category() != null) {
            b.queryParam("kategorie", q.category());
        }
        if (q.from() != null) {
            b.queryParam("von", q.from().toString());
        }
        if (q.to() != null) {
            b.queryParam("bis", q.to().toString());
        }
        if (q.sort() != de.depesche.search.SearchSort.RELEVANCE) {
            b.queryParam("sortierung", q.sort().parameter());
        }
        if (!q.recency()) {
            b.queryParam("archiv", "1");
        }
        if (page > 1) {
            b.queryParam("seite", page);
        }
        return b.encode().build().toUriString();
    }

    private static String abbreviate(String text) {
        String t = text.strip();
        return t.length() > 80 ? t.substring(0, 79) + "…" : t;
    }

    private String message(String key, Object... args) {
        Locale locale = LocaleContextHolder.getLocale();
        return messages.getMessage(key, args, key, locale);
    }
}
