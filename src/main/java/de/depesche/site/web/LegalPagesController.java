package de.depesche.site.web;

import jakarta.servlet.http.HttpServletRequest;

import de.depesche.site.CacheablePage;
import de.depesche.site.LegalTexts;
import de.depesche.site.PageMeta;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The Impressum and the privacy policy that the footer and the reader forms link to. */
@Controller
class LegalPagesController {

    static final String PAGE = "site/legal";

    private final LegalTexts texts;

    LegalPagesController(LegalTexts texts) {
        this.texts = texts;
    }

    @GetMapping("/impressum")
    String impressum(Model model, HttpServletRequest request) {
        return show(LegalTexts.Kind.IMPRESSUM, "/impressum", model, request);
    }

    @GetMapping("/datenschutz")
    String privacy(Model model, HttpServletRequest request) {
        return show(LegalTexts.Kind.PRIVACY, "/datenschutz", model, request);
    }

    private String show(LegalTexts.Kind kind, String path, Model model, HttpServletRequest request) {
        LegalTexts.Page page = texts.page(kind, LocaleContextHolder.getLocale());
        model.addAttribute("meta", new PageMeta(page.title(), "", path));
        model.addAttribute("legal", page);
        CacheablePage.mark(request, texts.stored(kind).map(LegalTexts.Stored::updatedAt).orElse(null),
                "settings", LegalTexts.TAG);
        return PAGE;
    }
}
