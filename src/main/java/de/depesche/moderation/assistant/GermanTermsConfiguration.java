package de.depesche.moderation.assistant;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * TO BE REPLACED AT MERGE: the assistant must analyse text exactly like the site search. Once the search
 * module is merged, declare {@code TermAnalyzer} as {@code germanAnalysis::terms} (de.depesche.search.GermanAnalysis)
 * and delete this class together with {@link LuceneGermanTerms}.
 */
@Configuration(proxyBeanMethods = false)
class GermanTermsConfiguration {

    @Bean(destroyMethod = "close")
    LuceneGermanTerms moderationTermAnalyzer() {
        return new LuceneGermanTerms();
    }
}
