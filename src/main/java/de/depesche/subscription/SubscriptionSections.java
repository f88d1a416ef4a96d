package de.depesche.subscription;

import java.util.Set;

import de.depesche.account.Role;
import de.depesche.site.NewsroomSection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class SubscriptionSections {

    @Bean
    NewsroomSection newsletterSection() {
        return new NewsroomSection("/admin/newsletter", "nav.admin.newsletter", 40, Set.of(Role.ADMIN.name(), Role.EDITOR.name()));
    }

    @Bean
    NewsroomSection subscribersSection() {
        return new NewsroomSection("/admin/subscribers", "nav.admin.subscribers", 45, Set.of(Role.ADMIN.name()));
    }
}
