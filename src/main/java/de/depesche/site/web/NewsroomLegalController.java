package de.depesche.site.web;

import java.util.Locale;

import de.depesche.site.FormErrors;
import de.depesche.site.InvalidInput;
import de.depesche.site.LegalTexts;
import de.depesche.site.SiteSettingsService;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Admins write the Impressum and the privacy policy; empty means the site's default text. */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class NewsroomLegalController {

    static final String EDITOR = "site/admin/legal";

    private final LegalTexts texts;
    private final SiteSettingsService settings;

    NewsroomLegalController(LegalTexts texts, SiteSettingsService settings) {
        this.texts = texts;
        this.settings = settings;
    }

    @GetMapping("/admin/settings/legal")
    String edit(Model model) {
        Locale site = siteLocale();
        LegalForm form = new LegalForm();
        form.setImpressum(texts.stored(LegalTexts.Kind.IMPRESSUM).map(LegalTexts.Stored::markdown)
                .orElseGet(() -> texts.defaultMarkdown(LegalTexts.Kind.IMPRESSUM, site)));
        form.setPrivacy(texts.stored(LegalTexts.Kind.PRIVACY).map(LegalTexts.Stored::markdown)
                .orElseGet(() -> texts.defaultMarkdown(LegalTexts.Kind.PRIVACY, site)));
        return page(model, form);
    }

    @PostMapping("/admin/settings/legal")
    String save(@ModelAttribute("form") LegalForm form, BindingResult result, Model model, RedirectAttributes redirect) {
        Locale site = siteLocale();
        try {
            InvalidInput.Collector problems = new InvalidInput.Collector();
            // Both checked before either is saved: a refused Impressum does not leave a half-saved form.
            for (var entry : java.util.Map.of(LegalTexts.Kind.IMPRESSUM, form.getImpressum(),
                    LegalTexts.Kind.PRIVACY, form.getPrivacy()).entrySet()) {
                try {
                    texts.check(entry.getKey(), entry.getValue());
                } catch (InvalidInput e) {
                    e.problems().forEach(p -> problems.add(p.field(), p.messageKey(), p.args()));
                }
            }
            problems.throwIfAny();
            texts.save(LegalTexts.Kind.IMPRESSUM, form.getImpressum(), site);
            texts.save(LegalTexts.Kind.PRIVACY, form.getPrivacy(), site);
        } catch (InvalidInput e) {
            FormErrors.apply(e, result);
            return page(model, form);
        }
        redirect.addFlashAttribute("notice", "legal.saved");
        return "redirect:/admin/settings/legal";
    }

    private String page(Model model, LegalForm form) {
        model.addAttribute("form", form);
        model.addAttribute("impressumIsDefault", texts.stored(LegalTexts.Kind.IMPRESSUM).isEmpty());
        model.addAttribute("privacyIsDefault", texts.stored(LegalTexts.Kind.PRIVACY).isEmpty());
        model.addAttribute("maxLength", LegalTexts.MAX_LENGTH);
        return EDITOR;
    }

    /** The default texts come in the site's language: that is the language a saved text stays in. */
    private Locale siteLocale() {
        return Locale.forLanguageTag(settings.current().language());
    }

    public static class LegalForm {
        private String impressum = "";
        private String privacy = "";

        public String getImpressum() { return impressum; }
        public void setImpressum(String impressum) { this.impressum = impressum; }
        public String getPrivacy() { return privacy; }
        public void setPrivacy(String privacy) { this.privacy = privacy; }
    }
}
