package de.depesche.site;

import java.time.Clock;
import java.util.Locale;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.web.servlet.LocaleResolver;

@Configuration
@EnableScheduling
class SiteConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    FilterRegistrationBean<PageCacheFilter> pageCacheFilter(PageCache cache, FormTokens tokens, SiteProperties properties,
                                                            MeterRegistry meters, Clock clock) {
        FilterRegistrationBean<PageCacheFilter> registration =
                new FilterRegistrationBean<>(new PageCacheFilter(cache, tokens, properties, meters, clock));
        // Before Spring Security: a cached page needs no security work; the security headers of the
        // first rendering are stored and replayed with the page.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
        registration.addUrlPatterns("/*");
        return registration;
    }

    /** Before Spring Security too: an upload beyond the multipart limits fails before the CSRF check could read it. */
    @Bean
    FilterRegistrationBean<UploadLimitFilter> uploadLimitFilter(MultipartConfigElement multipart) {
        FilterRegistrationBean<UploadLimitFilter> registration = new FilterRegistrationBean<>(new UploadLimitFilter(multipart));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 200);
        registration.addUrlPatterns("/*");
        return registration;
    }

    /**
     * The reader site speaks the language set in the site settings; {@code ?lang=en} or {@code ?lang=de}
     * asks for the other one. The language is part of the URL, so the page cache and CDNs keep both apart.
     */
    @Bean
    LocaleResolver localeResolver(SiteSettingsService settings) {
        return new LocaleResolver() {
            @Override
            public Locale resolveLocale(HttpServletRequest request) {
                String lang = request.getParameter("lang");
                if (lang != null && SiteSettings.LANGUAGES.contains(lang)) {
                    return Locale.forLanguageTag(lang);
                }
                return Locale.forLanguageTag(settings.current().language());
            }

            @Override
            public void setLocale(HttpServletRequest request, @Nullable HttpServletResponse response, @Nullable Locale locale) {
                throw new UnsupportedOperationException("The language follows the site settings and ?lang=");
            }
        };
    }
}
