package de.depesche.feed;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One WebSub ping and what follows from the hub's answer: done, retried later, or given up. */
class HubClientTest {

    private static final Instant NOW = Instant.parse("2026-05-04T10:00:00Z");
    private static final String TOPIC = "https://news.example/kategorie/politik/feed";

    private final List<Scheduled> scheduled = new ArrayList<>();
    private final SchedulerClient scheduler = recordingScheduler();
    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer hub;

    record Scheduled(TaskInstance<?> instance, Instant at) {}

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.stop(0);
        }
    }

    @Test
    void anAcceptedPingIsDone() throws IOException {
        HubClient client = client(hubAnswering(202), 3);
        client.deliver(new HubClient.Ping(1, TOPIC).data(), scheduler);
        assertThat(requests).hasValue(1);
        assertThat(scheduled).isEmpty();
    }

    @Test
    void aRefusedPingIsTriedAgainLaterWithADoublingDelay() throws IOException {
        HubClient client = client(hubAnswering(500), 4);
        client.deliver(new HubClient.Ping(1, TOPIC).data(), scheduler);
        client.deliver(new HubClient.Ping(3, TOPIC).data(), scheduler);

        assertThat(scheduled).hasSize(2);
        assertThat(scheduled.get(0).instance().getTaskName()).isEqualTo(HubClient.TASK);
        assertThat(HubClient.Ping.of((String) scheduled.get(0).instance().getData())).isEqualTo(new HubClient.Ping(2, TOPIC));
        assertThat(scheduled.get(0).at()).isEqualTo(NOW.plusSeconds(10));
        assertThat(HubClient.Ping.of((String) scheduled.get(1).instance().getData())).isEqualTo(new HubClient.Ping(4, TOPIC));
        assertThat(scheduled.get(1).at()).isEqualTo(NOW.plusSeconds(40));
    }

    @Test
    void afterTheLastAttemptThePingIsGivenUp() throws IOException {
        HubClient client = client(hubAnswering(503), 4);
        client.deliver(new HubClient.Ping(4, TOPIC).data(), scheduler);
        assertThat(requests).hasValue(1);
        assertThat(scheduled).isEmpty();
    }

    @Test
    void aHubThatDoesNotAnswerCountsAsAFailureAfterTheTimeout() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            HubClient client = new HubClient(new WebSubProperties("http://127.0.0.1:" + silent.getLocalPort() + "/",
                    Duration.ofMillis(300), 2, Duration.ofSeconds(10)), Clock.fixed(NOW, ZoneOffset.UTC));
            client.deliver(new HubClient.Ping(1, TOPIC).data(), scheduler);
        }
        assertThat(scheduled).hasSize(1);
    }

    @Test
    void aHubThatCannotBeReachedCountsAsAFailure() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        HubClient client = new HubClient(new WebSubProperties("http://127.0.0.1:" + closedPort + "/", Duration.ofSeconds(2), 2,
                Duration.ofSeconds(10)), Clock.fixed(NOW, ZoneOffset.UTC));
        client.deliver(new HubClient.Ping(1, TOPIC).data(), scheduler);
        assertThat(scheduled).hasSize(1);
    }

    @Test
    void topicsWithQueryCharactersArriveIntact() {
        HubClient.Ping ping = HubClient.Ping.of(new HubClient.Ping(2, "https://x.example/feed/abo/a b&c=d").data());
        assertThat(ping).isEqualTo(new HubClient.Ping(2, "https://x.example/feed/abo/a b&c=d"));
    }

    @Test
    void theHubSettingMustBeAnHttpAddress() {
        for (String bad : List.of("ftp://hub.example/", "hub.example", "http://", "http://exa mple/", "javascript:alert(1)")) {
            assertThatThrownBy(() -> new WebSubProperties(bad, Duration.ofSeconds(1), 1, Duration.ofSeconds(1)))
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(new WebSubProperties("  ", Duration.ofSeconds(1), 1, Duration.ofSeconds(1)).enabled()).isFalse();
        assertThat(new WebSubProperties("https://hub.example/", Duration.ofSeconds(1), 1, Duration.ofSeconds(1)).enabled()).isTrue();
    }

    private HubClient client(String hubUrl, int attempts) {
        return new HubClient(new WebSubProperties(hubUrl, Duration.ofSeconds(5), attempts, Duration.ofSeconds(10)),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private String hubAnswering(int status) throws IOException {
        hub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hub.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            requests.incrementAndGet();
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        hub.start();
        return "http://127.0.0.1:" + hub.getAddress().getPort() + "/";
    }

    private SchedulerClient recordingScheduler() {
        return (SchedulerClient) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {SchedulerClient.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("scheduleIfNotExists") && args.length == 2) {
                        scheduled.add(new Scheduled((TaskInstance<?>) args[0], (Instant) args[1]));
                        return true;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
