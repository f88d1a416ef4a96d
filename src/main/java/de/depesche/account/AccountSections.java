package de.depesche.account;

import java.util.Set;

import de.depesche.site.NewsroomSection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class AccountSections {

    @Bean
    NewsroomSection staffSection() {
        return new NewsroomSection("/admin/staff", "nav.admin.staff", 80, Set.of(Role.ADMIN.name()));
    }

    @Bean
    NewsroomSection auditSection() {
        return new NewsroomSection("/admin/audit", "nav.admin.audit", 90, Set.of(Role.ADMIN.name()));
    }

    @Bean
    NewsroomSection tokenSection() {
        return new NewsroomSection("/admin/tokens", "nav.admin.tokens", 95, Set.of());
    }
}
