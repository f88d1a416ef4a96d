package de.depesche.site;

import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class SiteSections {

    @Bean
    NewsroomSection privacySection() {
        return new NewsroomSection("/admin/datenschutz", "nav.admin.privacy", 87, Set.of("ADMIN"));
    }

    @Bean
    NewsroomSection legalSection() {
        return new NewsroomSection("/admin/settings/legal", "nav.admin.legal", 86, Set.of("ADMIN"));
    }

    @Bean
    NewsroomSection settingsSection() {
        return new NewsroomSection("/admin/settings", "nav.admin.settings", 85, Set.of("ADMIN"));
    }
}
