package de.depesche.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * For tests of what Depesche sends to other servers (IndexNow, job feeds): a local fake of those
 * servers (WireMock) and one application context that talks to it. IndexNow is switched on and its
 * scheduled sending is slowed down so that tests trigger the batches themselves; job sources may be
 * on localhost here (and only here).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "depesche.indexnow.enabled=true",
        "depesche.indexnow.batch-interval=1h",
        "depesche.indexnow.retry-backoff=0s",
        "depesche.indexnow.max-attempts=3",
        "depesche.jobs.allow-local-sources=true",
        "depesche.jobs.read-timeout=3s",
        "depesche.jobs.connect-timeout=2s"})
public abstract class OutboundIntegrationTest extends IntegrationTest {

    protected static final WireMockServer remote = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    static {
        remote.start();
        Runtime.getRuntime().addShutdownHook(new Thread(remote::stop));
    }

    @DynamicPropertySource
    static void remoteEndpoints(DynamicPropertyRegistry registry) {
        registry.add("depesche.indexnow.endpoint", () -> remote.baseUrl() + "/indexnow");
    }

    @BeforeEach
    void forgetEarlierRequests() {
        remote.resetAll();
    }

    protected static String remoteUrl(String path) {
        return remote.baseUrl() + path;
    }
}
