package de.depesche.moderation;

import java.util.Set;

import de.depesche.account.Role;
import de.depesche.site.NewsroomSection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class ModerationSections {

    @Bean
    NewsroomSection moderationSection() {
        return new NewsroomSection("/admin/moderation", "nav.admin.moderation", 5,
                Set.of(Role.ADMIN.name(), Role.EDITOR.name(), Role.MODERATOR.name()));
    }
}
