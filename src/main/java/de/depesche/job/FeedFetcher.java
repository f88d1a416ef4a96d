package de.depesche.job;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Fetches a job feed over http(s) only, with a connect timeout, one deadline for the whole download
 * and a byte limit counted while reading. Addresses on this machine or in private networks are refused
 * (unless an operator allows them), also after a redirect, so a source cannot be used to reach
 * internal services; file: and every other scheme never get here.
 */
@Component
class FeedFetcher {

    private static final Logger log = LoggerFactory.getLogger(FeedFetcher.class);
    private static final int MAX_REDIRECTS = 3;

    /** A downloaded feed, at most the size limit. */
    record Fetched(byte[] body, @Nullable String contentType) {
        InputStream stream() {
            return new ByteArrayInputStream(body);
        }
    }

    private final JobProperties properties;
    private final HttpClient http;
    private final ExecutorService downloads = Executors.newVirtualThreadPerTaskExecutor();

    FeedFetcher(JobProperties properties) {
        this.properties = properties;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    Fetched fetch(String url) {
        URI uri = checked(url);
        Future<Fetched> download = downloads.submit(() -> download(uri));
        try {
            return download.get(properties.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            download.cancel(true);
            log.info("Job feed {} did not arrive within {}", url, properties.readTimeout());
            throw new FeedProblem("job.feed.timeout", String.valueOf(properties.readTimeout().toSeconds()));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof FeedProblem problem) {
                throw problem;
            }
            if (LimitedInputStream.isLimit(e)) {
                throw new FeedProblem("job.feed.tooLarge");
            }
            if (e.getCause() instanceof java.net.http.HttpTimeoutException
                    && !(e.getCause() instanceof java.net.http.HttpConnectTimeoutException)) {
                log.info("Job feed {} did not answer within {}", url, properties.readTimeout());
                throw new FeedProblem("job.feed.timeout", String.valueOf(properties.readTimeout().toSeconds()));
            }
            log.info("Job feed {} could not be fetched: {}", url, e.getCause().toString());
            throw new FeedProblem("job.feed.unreachable");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            download.cancel(true);
            throw new FeedProblem("job.feed.unreachable");
        }
    }

    private Fetched download(URI start) throws IOException, InterruptedException {
        URI uri = start;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(properties.readTimeout())
                    .header("Accept", "application/xml, text/xml, application/json, application/ld+json;q=0.9, */*;q=0.5")
                    .header("User-Agent", "Depesche job import")
                    .GET().build();
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            int status = response.statusCode();
            if (status >= 300 && status < 400 && response.headers().firstValue("Location").isPresent()) {
                response.body().close();
                uri = checked(uri.resolve(response.headers().firstValue("Location").get()).toString());
                continue;
            }
            if (status != 200) {
                response.body().close();
                throw new FeedProblem("job.feed.status", String.valueOf(status));
            }
            long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > properties.maxFeedSize().toBytes()) {
                response.body().close();
                throw new FeedProblem("job.feed.tooLarge");
            }
            try (InputStream in = new LimitedInputStream(response.body(), properties.maxFeedSize().toBytes())) {
                byte[] body = in.readAllBytes();
                return new Fetched(body, response.headers().firstValue("Content-Type").orElse(null));
            }
        }
        throw new FeedProblem("job.feed.redirects");
    }

    /** The address if it is http(s) to a public host; a {@link FeedProblem} otherwise. */
    URI checked(String url) {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new FeedProblem("job.source.url");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new FeedProblem("job.source.scheme");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new FeedProblem("job.source.url");
        }
        if (!properties.allowLocalSources()) {
            try {
                for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                    if (isLocal(address)) {
                        throw new FeedProblem("job.source.local", uri.getHost());
                    }
                }
            } catch (UnknownHostException e) {
                throw new FeedProblem("job.feed.unreachable");
            }
        }
        return uri;
    }

    static boolean isLocal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc; // unique local fc00::/7
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first == 0 || (first == 100 && second >= 64 && second < 128) // carrier-grade NAT
                || (first == 192 && second == 0 && (b[2] & 0xff) == 0) || first >= 240;
    }

    static @Nullable String charset(@Nullable String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String part : contentType.split(";")) {
            String p = part.strip();
            if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                String value = p.substring(8).strip().replace("\"", "");
                return value.isEmpty() ? null : value;
            }
        }
        return null;
    }

    Duration readTimeout() {
        return properties.readTimeout();
    }
}
