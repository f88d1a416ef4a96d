package de.depesche.search;

import java.util.Set;

import de.depesche.account.Role;
import de.depesche.site.NewsroomSection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class SearchSections {

    @Bean
    NewsroomSection searchSection() {
        return new NewsroomSection("/admin/search", "nav.admin.search", 70, Set.of(Role.ADMIN.name(), Role.EDITOR.name()));
    }
}
