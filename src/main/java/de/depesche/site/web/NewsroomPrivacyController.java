package de.depesche.site.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import de.depesche.site.PersonalData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Data requests (DSGVO) by e-mail address across every module that keeps personal data: what is
 * stored, a JSON export of all of it, and erasure of all of it.
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class NewsroomPrivacyController {

    private static final Logger log = LoggerFactory.getLogger(NewsroomPrivacyController.class);

    private final List<PersonalData> sources;
    private final MessageSource messages;

    NewsroomPrivacyController(List<PersonalData> sources, MessageSource messages) {
        this.sources = sources;
        this.messages = messages;
    }

    @GetMapping("/admin/datenschutz")
    String requests(@RequestParam(defaultValue = "") String email, Model model) {
        model.addAttribute("email", email);
        if (!email.isBlank()) {
            Map<String, Map<String, Object>> found = collect(email);
            model.addAttribute("found", found);
        }
        return "site/admin/privacy";
    }

    @GetMapping(value = "/admin/datenschutz/export", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> export(@RequestParam String email) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("email", email.strip());
        all.putAll(collect(email));
        log.info("Data export for a data request ({} sources)", sources.size());
        return ResponseEntity.ok().header("Content-Disposition", "attachment; filename=\"daten.json\"")
                .header("Cache-Control", "no-store").body(all);
    }

    @PostMapping("/admin/datenschutz/loeschen")
    String erase(@RequestParam String email, @RequestParam(defaultValue = "false") boolean sure, RedirectAttributes redirect) {
        if (!sure || email.isBlank()) {
            redirect.addFlashAttribute("problems", List.of(new de.depesche.site.InvalidInput.Problem("", "privacy.erase.confirm", new Object[0])));
            return "redirect:/admin/datenschutz?email=" + java.net.URLEncoder.encode(email, java.nio.charset.StandardCharsets.UTF_8);
        }
        int changed = 0;
        for (PersonalData source : sources) {
            changed += source.erase(email);
        }
        log.info("Data erased for a data request: {} records", changed);
        redirect.addFlashAttribute("notice", "privacy.erased");
        redirect.addFlashAttribute("noticeArg", changed);
        return "redirect:/admin/datenschutz";
    }

    private Map<String, Map<String, Object>> collect(String email) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        for (PersonalData source : sources) {
            Map<String, Object> data = source.export(email);
            if (!data.isEmpty()) {
                found.put(messages.getMessage(source.label(), null, LocaleContextHolder.getLocale()), data);
            }
        }
        return found;
    }
}
