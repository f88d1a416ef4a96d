package de.depesche.site;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts what the shared frame needs into every model: settings, addresses, newsroom navigation. */
@ControllerAdvice
class SiteModelAdvice {

    private final SiteSettingsService settings;
    private final SiteProperties properties;
    private final List<NewsroomSection> sections;

    SiteModelAdvice(SiteSettingsService settings, SiteProperties properties, List<NewsroomSection> sections) {
        this.settings = settings;
        this.properties = properties;
        this.sections = sections.stream().sorted(Comparator.comparingInt(NewsroomSection::order)).toList();
    }

    @ModelAttribute("site")
    SiteSettings site() {
        return settings.current();
    }

    @ModelAttribute("baseUrl")
    String baseUrl() {
        return properties.baseUrl();
    }

    @ModelAttribute("currentPath")
    String currentPath(HttpServletRequest request) {
        return request.getRequestURI();
    }

    @ModelAttribute("newsroomSections")
    List<NewsroomSection> newsroomSections(HttpServletRequest request) {
        if (!request.getRequestURI().startsWith("/admin")) {
            return List.of();
        }
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
            return List.of();
        }
        Set<String> roles = auth.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_"))
                .map(a -> a.substring(5))
                .collect(Collectors.toSet());
        return sections.stream()
                .filter(s -> s.roles().isEmpty() || s.roles().stream().anyMatch(roles::contains))
                .toList();
    }
}
