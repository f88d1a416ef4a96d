package de.depesche.job;

import java.util.Set;

import de.depesche.account.Role;
import de.depesche.site.NewsroomSection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class JobSections {

    @Bean
    NewsroomSection jobsSection() {
        return new NewsroomSection("/admin/jobs", "nav.admin.jobs", 40, Set.of(Role.ADMIN.name(), Role.EDITOR.name()));
    }
}
