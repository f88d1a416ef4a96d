package de.depesche.article;

import java.util.Set;

import de.depesche.account.Role;
import de.depesche.site.NewsroomSection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class ArticleSections {

    @Bean
    NewsroomSection articlesSection() {
        return new NewsroomSection("/admin/articles", "nav.admin.articles", 10,
                Set.of(Role.ADMIN.name(), Role.EDITOR.name(), Role.AUTHOR.name()));
    }

    @Bean
    NewsroomSection categoriesSection() {
        return new NewsroomSection("/admin/categories", "nav.admin.categories", 20,
                Set.of(Role.ADMIN.name(), Role.EDITOR.name()));
    }
}
