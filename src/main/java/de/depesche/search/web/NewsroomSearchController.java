package de.depesche.search.web;

import de.depesche.account.AuditLog;
import de.depesche.account.StaffPrincipal;
import de.depesche.search.ArticleSearch;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The newsroom's view of the search index: size, state, and a rebuild with its progress. */
@Controller
@PreAuthorize("hasAnyRole('ADMIN', 'EDITOR')")
class NewsroomSearchController {

    static final String VIEW = "search/admin/index";

    private final ArticleSearch search;
    private final AuditLog audit;

    NewsroomSearchController(ArticleSearch search, AuditLog audit) {
        this.search = search;
        this.audit = audit;
    }

    @GetMapping("/admin/search")
    String index(Model model) {
        model.addAttribute("stats", search.stats());
        model.addAttribute("progress", search.rebuildProgress());
        return VIEW;
    }

    @PostMapping("/admin/search/rebuild")
    String rebuild(@AuthenticationPrincipal StaffPrincipal me, RedirectAttributes redirect) {
        boolean started = search.rebuild("requested by " + me.displayName());
        if (started) {
            audit.record(me, "audit.search.rebuild", "search-index", "");
        }
        redirect.addFlashAttribute("notice", started ? "search.admin.rebuildStarted" : "search.admin.rebuildRunning");
        return "redirect:/admin/search";
    }
}
