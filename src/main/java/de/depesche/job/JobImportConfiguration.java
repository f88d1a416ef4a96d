package de.depesche.job;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class JobImportConfiguration {

    /**
     * Answers "100 Continue" only when a handler starts reading the body. The import API refuses a feed
     * whose declared length is over the limit before reading it; a client that asked "Expect: 100-continue"
     * then gets the 413 without ever sending the 100 MB.
     */
    @Bean
    TomcatConnectorCustomizer continueOnlyWhenTheBodyIsRead() {
        return connector -> connector.setProperty("continueResponseTiming", "onRead");
    }
}
