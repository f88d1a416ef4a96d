package de.depesche.site.web;

import jakarta.servlet.http.HttpServletRequest;

import de.depesche.site.CacheablePage;
import de.depesche.site.PageMeta;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The privacy policy that the comment and subscription forms link to. */
@Controller
class PrivacyController {

    private final MessageSource messages;

    PrivacyController(MessageSource messages) {
        this.messages = messages;
    }

    @GetMapping("/datenschutz")
    String privacy(Model model, HttpServletRequest request) {
        String title = messages.getMessage("privacy.title", null, LocaleContextHolder.getLocale());
        String intro = messages.getMessage("privacy.intro", null, LocaleContextHolder.getLocale());
        model.addAttribute("meta", new PageMeta(title, intro, "/datenschutz"));
        CacheablePage.mark(request, null, "settings");
        return "site/privacy";
    }
}
