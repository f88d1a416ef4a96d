package de.depesche.moderation.assistant;

import de.depesche.search.GermanAnalysis;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The assistant reads German with the search module's analysis, so "on topic" means what search means by it. */
@Configuration(proxyBeanMethods = false)
class GermanTermsConfiguration {

    @Bean
    TermAnalyzer moderationTermAnalyzer(GermanAnalysis analysis) {
        return analysis::terms;
    }
}
