package de.depesche.site.web;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

import de.depesche.site.FormErrors;
import de.depesche.site.InvalidInput;
import de.depesche.site.SiteSettings;
import de.depesche.site.SiteSettingsService;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The newsroom's entry and the site settings screen. */
@Controller
class NewsroomSiteController {

    static final String SETTINGS = "site/admin/settings";
    static final String HOME = "site/admin/home";

    private final SiteSettingsService settings;
    private final MessageSource messages;

    NewsroomSiteController(SiteSettingsService settings, MessageSource messages) {
        this.settings = settings;
        this.messages = messages;
    }

    /** The home link's label in every language of the site: typed in the form, it stays translated. */
    private Set<String> homeLabels() {
        Set<String> labels = new HashSet<>();
        for (String language : SiteSettings.LANGUAGES) {
            labels.add(messages.getMessage("nav.home", null, Locale.forLanguageTag(language)).toLowerCase(Locale.ROOT));
        }
        return labels;
    }

    @GetMapping("/admin")
    String home() {
        return HOME;
    }

    @GetMapping("/admin/settings")
    @PreAuthorize("hasRole('ADMIN')")
    String settings(Model model) {
        model.addAttribute("form", SettingsForm.of(settings.current(),
                key -> messages.getMessage(key, null, LocaleContextHolder.getLocale())));
        return SETTINGS;
    }

    @PostMapping("/admin/settings")
    @PreAuthorize("hasRole('ADMIN')")
    String save(@ModelAttribute("form") SettingsForm form, BindingResult result, RedirectAttributes redirect) {
        try {
            SiteSettings submitted = form.toSettings(homeLabels());
            List<InvalidInput.Problem> problems = new ArrayList<>(form.formatProblems());
            try {
                SiteSettingsService.validate(submitted);
            } catch (InvalidInput invalid) {
                problems.addAll(invalid.problems());
            }
            if (!problems.isEmpty()) {
                throw new InvalidInput(problems);
            }
            settings.update(submitted);
            redirect.addFlashAttribute("notice", "settings.saved");
            return "redirect:/admin/settings";
        } catch (InvalidInput e) {
            FormErrors.apply(e, result);
            return SETTINGS;
        }
    }

    public static class SettingsForm {
        private String siteName = "";
        private String outlet = "";
        private String tagline = "";
        private String language = "de";
        private String navigation = "";
        private String supportUrl = "";
        private String newsletterUrl = "";

        static SettingsForm of(SiteSettings s, Function<String, String> translate) {
            SettingsForm f = new SettingsForm();
            f.siteName = s.siteName();
            f.outlet = s.outlet();
            f.tagline = s.tagline();
            f.language = s.language();
            StringBuilder nav = new StringBuilder();
            s.navigation().forEach(l -> nav.append(l.messageKey() != null ? translate.apply(l.messageKey()) : l.label())
                    .append(" | ").append(l.url()).append('\n'));
            f.navigation = nav.toString();
            f.supportUrl = s.supportUrl() == null ? "" : s.supportUrl();
            f.newsletterUrl = s.newsletterUrl() == null ? "" : s.newsletterUrl();
            return f;
        }

        /**
         * One link per line: {@code Label | /path} or {@code Label | https://…}; other lines are left out.
         * A link to {@code /} labelled with the home page's name in one of the site's languages stays
         * the translated home link.
         */
        SiteSettings toSettings(Set<String> homeLabels) {
            List<SiteSettings.NavLink> links = new ArrayList<>();
            for (String line : navigation.split("\\R")) {
                int bar = line.indexOf('|');
                if (bar >= 0) {
                    String label = line.substring(0, bar).strip();
                    String url = line.substring(bar + 1).strip();
                    links.add("/".equals(url) && homeLabels.contains(label.toLowerCase(Locale.ROOT))
                            ? SiteSettings.NavLink.home() : new SiteSettings.NavLink(label, url));
                }
            }
            return new SiteSettings(siteName, outlet, tagline, language, links, supportUrl, newsletterUrl);
        }

        /** Lines of the navigation that are not of the form {@code Label | address}. */
        List<InvalidInput.Problem> formatProblems() {
            List<InvalidInput.Problem> problems = new ArrayList<>();
            for (String line : navigation.split("\\R")) {
                if (!line.isBlank() && line.indexOf('|') < 0) {
                    problems.add(new InvalidInput.Problem("navigation", "settings.navigation.format", new Object[] {line.strip()}));
                }
            }
            return problems;
        }

        public String getSiteName() { return siteName; }
        public void setSiteName(String siteName) { this.siteName = siteName; }
        public String getOutlet() { return outlet; }
        public void setOutlet(String outlet) { this.outlet = outlet; }
        public String getTagline() { return tagline; }
        public void setTagline(String tagline) { this.tagline = tagline; }
        public String getLanguage() { return language; }
        public void setLanguage(String language) { this.language = language; }
        public String getNavigation() { return navigation; }
        public void setNavigation(String navigation) { this.navigation = navigation; }
        public String getSupportUrl() { return supportUrl; }
        public void setSupportUrl(String supportUrl) { this.supportUrl = supportUrl; }
        public String getNewsletterUrl() { return newsletterUrl; }
        public void setNewsletterUrl(String newsletterUrl) { this.newsletterUrl = newsletterUrl; }
    }
}
