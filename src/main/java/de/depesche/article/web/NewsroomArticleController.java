package de.depesche.article.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

import de.depesche.account.AccountManagement;
import de.depesche.account.Role;
import de.depesche.account.StaffPrincipal;
import de.depesche.article.Article;
import de.depesche.article.ArticleManagement;
import de.depesche.article.ArticleStatus;
import de.depesche.article.ImageLibrary;
import de.depesche.site.FormErrors;
import de.depesche.site.InvalidInput;
import de.depesche.site.NotFound;
import de.depesche.site.ReaderDates;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The newsroom's article list, editor with preview, publishing actions and revision history. Writers
 * only: moderators work the comment queue and have no business here; authors see their own articles
 * and published ones.
 */
@Controller
@PreAuthorize("hasAnyRole('ADMIN', 'EDITOR', 'AUTHOR')")
class NewsroomArticleController {

    static final String LIST = "article/admin/list";
    static final String EDITOR = "article/admin/editor";
    static final String REVISIONS = "article/admin/revisions";
    static final String REVISION = "article/admin/revision";
    static final String CATEGORIES = "article/admin/categories";
    private static final int PAGE_SIZE = 25;

    private final ArticleManagement articles;
    private final ImageLibrary images;
    private final AccountManagement accounts;
    private final ReaderDates dates;

    NewsroomArticleController(ArticleManagement articles, ImageLibrary images, AccountManagement accounts, ReaderDates dates) {
        this.articles = articles;
        this.images = images;
        this.accounts = accounts;
        this.dates = dates;
    }

    @GetMapping("/admin/articles")
    String list(@RequestParam(required = false) @Nullable String status,
                @RequestParam(required = false) @Nullable String category,
                @RequestParam(required = false) @Nullable String q,
                @RequestParam(required = false) @Nullable String mine,
                @RequestParam(name = "seite", defaultValue = "1") int page,
                Model model, @AuthenticationPrincipal StaffPrincipal me) {
        ArticleStatus statusFilter = status == null ? null : ArticleStatus.fromApiName(status).orElse(null);
        Long author = mine != null || me.role() == Role.AUTHOR ? Long.valueOf(me.id()) : null;
        var filter = new ArticleManagement.NewsroomFilter(statusFilter, author, category, q);
        var result = articles.newsroomList(filter, page, PAGE_SIZE, me);
        model.addAttribute("page", result);
        model.addAttribute("authors", accounts.findAll(result.items().stream().map(t -> t.authorId()).toList()));
        model.addAttribute("categories", articles.categories());
        model.addAttribute("statuses", ArticleStatus.values());
        model.addAttribute("status", statusFilter == null ? "" : statusFilter.apiName());
        model.addAttribute("category", category == null ? "" : category);
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("mine", mine != null);
        return LIST;
    }

    @GetMapping("/admin/articles/new")
    String newArticle(Model model, @AuthenticationPrincipal StaffPrincipal me) {
        return editor(model, new ArticleForm(), null, me);
    }

    @PostMapping("/admin/articles")
    String create(@ModelAttribute("form") ArticleForm form, BindingResult result,
                  @RequestParam(defaultValue = "save") String action, Model model,
                  @AuthenticationPrincipal StaffPrincipal me, RedirectAttributes redirect) {
        if ("preview".equals(action)) {
            model.addAttribute("preview", articles.preview(form.getBody()));
            return editor(model, form, null, me);
        }
        Article created;
        try {
            storeUploadedImage(form, me);
            created = articles.create(form.toDraft(), me);
        } catch (InvalidInput e) {
            FormErrors.apply(e, result);
            return editor(model, form, null, me);
        }
        return afterSave(created, action, form, me, redirect);
    }

    @GetMapping("/admin/articles/{id}")
    String edit(@PathVariable long id, Model model, @AuthenticationPrincipal StaffPrincipal me) {
        Article article = load(id, me);
        return editor(model, ArticleForm.of(article, dates), article, me);
    }

    @PostMapping("/admin/articles/{id}")
    String update(@PathVariable long id, @ModelAttribute("form") ArticleForm form, BindingResult result,
                  @RequestParam(defaultValue = "save") String action, Model model,
                  @AuthenticationPrincipal StaffPrincipal me, RedirectAttributes redirect) {
        Article article = load(id, me);
        if ("preview".equals(action)) {
            model.addAttribute("preview", articles.preview(form.getBody()));
            return editor(model, form, article, me);
        }
        Article saved;
        try {
            storeUploadedImage(form, me);
            saved = articles.update(id, form.getVersion(), form.toDraft(), me);
        } catch (InvalidInput e) {
            FormErrors.apply(e, result);
            return editor(model, form, article, me);
        }
        return afterSave(saved, action, form, me, redirect);
    }

    private String afterSave(Article saved, String action, ArticleForm form, StaffPrincipal me, RedirectAttributes redirect) {
        String notice = "article.saved";
        try {
            if ("publish".equals(action)) {
                articles.publish(saved.id(), me);
                notice = "article.published";
            } else if ("schedule".equals(action)) {
                articles.schedule(saved.id(), parseLocal(form.getPublishAt()), me);
                notice = "article.scheduled";
            }
        } catch (InvalidInput e) {
            // The text is saved; only the publishing step was refused. Say why on the saved article.
            redirect.addFlashAttribute("problems", e.problems());
        }
        redirect.addFlashAttribute("notice", notice);
        return "redirect:/admin/articles/" + saved.id();
    }

    @PostMapping("/admin/articles/{id}/publish")
    String publish(@PathVariable long id, @AuthenticationPrincipal StaffPrincipal me, RedirectAttributes redirect) {
        return transition(id, me, redirect, "article.published", () -> articles.publish(id, me));
    }

    @PostMapping("/admin/articles/{id}/schedule")
    String schedule(@PathVariable long id, @RequestParam(defaultValue = "") String publishAt,
                    @AuthenticationPrincipal StaffPrincipal me, RedirectAttributes redirect) {
        return transition(id, me, redirect, "article.scheduled", () -> articles.schedule(id, parseLocal(publishAt), me));
    }

    @PostMapping("/admin/articles/{id}/unpublish")
    String unpublish(@PathVariable long id, @AuthenticationPrincipal StaffPrincipal me, RedirectAttributes redirect) {
        return transition(id, me, redirect, "article.unpublished", () -> articles.unpublish(id, me));
    }

    private String transition(long id, StaffPrincipal me, RedirectAttributes redirect, String notice, Runnable action) {
        load(id, me);
        try {
            action.run();
            redirect.addFlashAttribute("notice", notice);
        } catch (InvalidInput e) {
            redirect.addFlashAttribute("problems", e.problems());
        }
        return "redirect:/admin/articles/" + id;
    }

    /** The live preview of the editor (JavaScript enhancement); the form's preview button works without it. */
    @PostMapping(value = "/admin/articles/preview", produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    String preview(@RequestParam(defaultValue = "") String body) {
        return articles.preview(body);
    }

    @GetMapping("/admin/articles/{id}/revisions")
    String revisions(@PathVariable long id, Model model, @AuthenticationPrincipal StaffPrincipal me) {
        model.addAttribute("article", load(id, me));
        model.addAttribute("revisions", articles.revisions(id));
        return REVISIONS;
    }

    @GetMapping("/admin/articles/{id}/revisions/{number}")
    String revision(@PathVariable long id, @PathVariable int number, Model model,
                    @AuthenticationPrincipal StaffPrincipal me) {
        model.addAttribute("article", load(id, me));
        model.addAttribute("revision", articles.revision(id, number).orElseThrow(() -> new NotFound("revision")));
        return REVISION;
    }

    @GetMapping("/admin/categories")
    @PreAuthorize("hasAnyRole('ADMIN', 'EDITOR')")
    String categories(Model model) {
        model.addAttribute("categories", articles.categories());
        return CATEGORIES;
    }

    @PostMapping("/admin/categories")
    String createCategory(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String description,
                          Model model, @AuthenticationPrincipal StaffPrincipal me, RedirectAttributes redirect) {
        try {
            articles.createCategory(name, description, me);
            redirect.addFlashAttribute("notice", "category.created");
            return "redirect:/admin/categories";
        } catch (InvalidInput e) {
            model.addAttribute("problems", e.problems());
            model.addAttribute("name", name);
            model.addAttribute("description", description);
            model.addAttribute("categories", articles.categories());
            return CATEGORIES;
        }
    }

    @PostMapping("/admin/categories/{slug}")
    String updateCategory(@PathVariable String slug, @RequestParam(defaultValue = "") String name,
                          @RequestParam(defaultValue = "") String description,
                          @AuthenticationPrincipal StaffPrincipal me, RedirectAttributes redirect) {
        try {
            articles.updateCategory(slug, name, description, me);
            redirect.addFlashAttribute("notice", "category.updated");
        } catch (InvalidInput e) {
            redirect.addFlashAttribute("problems", e.problems());
        }
        return "redirect:/admin/categories";
    }

    private String editor(Model model, ArticleForm form, @Nullable Article article, StaffPrincipal me) {
        model.addAttribute("form", form);
        model.addAttribute("article", article);
        model.addAttribute("categories", articles.categories());
        model.addAttribute("mayPublish", me.mayPublish());
        model.addAttribute("mayEdit", article == null || ArticleManagement.mayEdit(article, me));
        model.addAttribute("limits", List.of(ArticleManagement.TITLE_MAX, ArticleManagement.LEAD_MAX, ArticleManagement.BODY_MAX));
        model.addAttribute("image", form.getImageId() == null ? null : images.find(form.getImageId()).orElse(null));
        return EDITOR;
    }

    private void storeUploadedImage(ArticleForm form, StaffPrincipal me) {
        images.upload(form.getImage(), me).ifPresent(stored -> form.setImageId(stored.id()));
    }

    private Article load(long id, StaffPrincipal me) {
        return articles.findFor(id, me).orElseThrow(() -> new NotFound("article " + id));
    }

    private Instant parseLocal(String value) {
        try {
            return LocalDateTime.parse(value.strip()).atZone(dates.zone()).toInstant();
        } catch (DateTimeParseException e) {
            throw InvalidInput.of("publishAt", "article.schedule.invalid");
        }
    }
}
