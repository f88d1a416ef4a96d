package de.depesche.promo;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import de.depesche.account.Role;
import de.depesche.site.ArticlePagePart;
import de.depesche.site.NewsroomSection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The promo boxes on article pages (under the text and in the sidebar) and the newsroom entry. */
@Configuration
class PromoBoxes {

    @Bean
    ArticlePagePart promosBelowArticle(Promotions promotions) {
        return new Box(ArticlePagePart.Slot.BELOW_ARTICLE, 50, "below", promotions);
    }

    @Bean
    ArticlePagePart promosInSidebar(Promotions promotions) {
        return new Box(ArticlePagePart.Slot.SIDEBAR, 20, "sidebar", promotions);
    }

    @Bean
    NewsroomSection promosSection() {
        return new NewsroomSection("/admin/promos", "nav.admin.promos", 45, Set.of(Role.ADMIN.name(), Role.EDITOR.name()));
    }

    private record Box(Slot slot, int order, String fragment, Promotions promotions) implements ArticlePagePart {

        @Override
        public Optional<Rendered> render(ArticleOnPage article) {
            List<PromoItem> items = slot == Slot.SIDEBAR ? promotions.inSidebar() : promotions.belowArticles();
            if (items.isEmpty()) {
                // No empty box; a change to the promos also evicts article pages without one (see Promotions).
                return Optional.empty();
            }
            return Optional.of(new Rendered("promo/parts", fragment, Map.of("items", items), Set.of(Promotions.CACHE_TAG)));
        }
    }
}
