package de.depesche.job;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import jakarta.annotation.PreDestroy;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Fetches a job feed over http(s) only, with a connect timeout, one deadline for the whole download
 * and a byte limit counted while reading. Addresses on this machine or in private networks are refused
 * (unless an operator allows them), also after a redirect, so a source cannot be used to reach
 * internal services; file: and every other scheme never get here.
 *
 * <p>The check sits in the DNS resolver of the HTTP client: a host is resolved once, its addresses are
 * checked, and the connection goes to exactly those addresses. Checking first and letting the client
 * resolve again would leave a window in which a name could change its answer (DNS rebinding).
 */
@Component
class FeedFetcher {

    private static final Logger log = LoggerFactory.getLogger(FeedFetcher.class);
    /** An address in an error message, with its user name and password, its path, and its query or fragment. */
    private static final Pattern ADDRESS_IN_TEXT = Pattern.compile("(?i)\\b(https?://)(?:[^\\s/?#@'\"]*@)?([^\\s?#'\"]*)(?:[?#][^\\s'\"]*)?");
    private static final int MAX_REDIRECTS = 3;

    /** A downloaded feed, at most the size limit. */
    record Fetched(byte[] body, @Nullable String contentType) {
        InputStream stream() {
            return new ByteArrayInputStream(body);
        }
    }

    /** Looks up the addresses of a host name; DNS in production, a stand-in in tests. */
    interface AddressLookup {
        InetAddress[] lookup(String host) throws UnknownHostException;
    }

    /** A host that resolved to an address in a local or private network. */
    static final class LocalAddressRefused extends UnknownHostException {
        private final String shown;

        LocalAddressRefused(String host, InetAddress address) {
            super(host + " resolves to the local address " + address.getHostAddress());
            String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            this.shown = literal.equalsIgnoreCase(address.getHostAddress()) ? literal : host + " (" + address.getHostAddress() + ")";
        }

        /** The host as the report names it: the address, or the name with the address it resolved to. */
        String shown() {
            return shown;
        }
    }

    /** Resolves a host once and refuses it when any of its addresses is local; the client connects to exactly these. */
    static final class GuardedResolver implements DnsResolver {
        private final AddressLookup lookup;
        private final boolean allowLocal;

        GuardedResolver(AddressLookup lookup, boolean allowLocal) {
            this.lookup = lookup;
            this.allowLocal = allowLocal;
        }

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            InetAddress[] addresses = lookup.lookup(host);
            if (!allowLocal) {
                for (InetAddress address : addresses) {
                    if (isLocal(address)) {
                        throw new LocalAddressRefused(host, address);
                    }
                }
            }
            return addresses;
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            // Only asked for Kerberos and NTLM, which feeds do not use: no second lookup.
            return host;
        }
    }

    private final JobProperties properties;
    private final CloseableHttpClient http;
    private final ExecutorService downloads = Executors.newVirtualThreadPerTaskExecutor();

    @Autowired
    FeedFetcher(JobProperties properties) {
        this(properties, new GuardedResolver(InetAddress::getAllByName, properties.allowLocalSources()));
    }

    /** @param resolver resolves (and guards) every host the client connects to */
    FeedFetcher(JobProperties properties, DnsResolver resolver) {
        this.properties = properties;
        ConnectionConfig connection = ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(properties.connectTimeout()))
                .setSocketTimeout(Timeout.of(properties.readTimeout()))
                .build();
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(resolver)
                        .setDefaultConnectionConfig(connection)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.of(properties.connectTimeout()))
                        .build())
                // No system proxy (it would resolve names on its own), no cookies, redirects checked here.
                .disableRedirectHandling()
                // Bytes are counted as they arrive; the JDK client before asked for no compression either.
                .disableContentCompression()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent("Depesche job import")
                .build();
    }

    @PreDestroy
    void close() throws IOException {
        downloads.shutdownNow();
        http.close();
    }

    Fetched fetch(String url) {
        URI uri = checked(url);
        AtomicReference<@Nullable HttpGet> current = new AtomicReference<>();
        Future<Fetched> download = downloads.submit(() -> download(uri, current));
        try {
            return download.get(properties.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            abort(current);
            download.cancel(true);
            log.info("Job feed {} did not arrive within {}", forLog(url), properties.readTimeout());
            throw new FeedProblem("job.feed.timeout", String.valueOf(properties.readTimeout().toSeconds()));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof FeedProblem problem) {
                throw problem;
            }
            LocalAddressRefused refused = find(cause, LocalAddressRefused.class);
            if (refused != null) {
                log.info("Job feed {} refused: {}", forLog(url), refused.getMessage());
                throw new FeedProblem("job.source.local", refused.shown());
            }
            if (LimitedInputStream.isLimit(cause)) {
                throw new FeedProblem("job.feed.tooLarge");
            }
            if (find(cause, java.net.SocketTimeoutException.class) != null && find(cause, ConnectTimeoutException.class) == null) {
                log.info("Job feed {} did not answer within {}", forLog(url), properties.readTimeout());
                throw new FeedProblem("job.feed.timeout", String.valueOf(properties.readTimeout().toSeconds()));
            }
            log.info("Job feed {} could not be fetched: {}", forLog(url), scrubbed(cause.toString()));
            throw new FeedProblem("job.feed.unreachable");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort(current);
            download.cancel(true);
            throw new FeedProblem("job.feed.unreachable");
        }
    }

    private static void abort(AtomicReference<@Nullable HttpGet> current) {
        HttpGet request = current.get();
        if (request != null) {
            request.cancel();
        }
    }

    private Fetched download(URI start, AtomicReference<@Nullable HttpGet> current) throws IOException {
        long limit = properties.maxFeedSize().toBytes();
        URI uri = start;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpGet get = new HttpGet(uri);
            get.setHeader("Accept", "application/xml, text/xml, application/json, application/ld+json;q=0.9, */*;q=0.5");
            current.set(get);
            boolean complete = false;
            ClassicHttpResponse response = http.executeOpen(null, get, null);
            try {
                int status = response.getCode();
                Header location = response.getFirstHeader("Location");
                if (status >= 300 && status < 400 && location != null) {
                    URI next;
                    try {
                        next = uri.resolve(location.getValue().strip());
                    } catch (IllegalArgumentException e) {
                        throw new FeedProblem("job.source.url");
                    }
                    uri = checked(next.toString());
                    continue;
                }
                if (status != 200) {
                    throw new FeedProblem("job.feed.status", String.valueOf(status));
                }
                Header type = response.getFirstHeader("Content-Type");
                HttpEntity entity = response.getEntity();
                byte[] body = new byte[0];
                if (entity != null) {
                    if (entity.getContentLength() > limit) {
                        throw new FeedProblem("job.feed.tooLarge");
                    }
                    try (InputStream in = new LimitedInputStream(entity.getContent(), limit)) {
                        body = in.readAllBytes();
                    }
                }
                complete = true;
                return new Fetched(body, type == null ? null : type.getValue());
            } finally {
                if (complete) {
                    response.close();
                } else {
                    // Drop the connection instead of reading the rest of a body nobody wants.
                    get.cancel();
                    closeQuietly(response);
                }
            }
        }
        throw new FeedProblem("job.feed.redirects");
    }

    private static void closeQuietly(ClassicHttpResponse response) {
        try {
            response.close();
        } catch (IOException alreadyAborted) {
            // the connection is gone already, which is what was wanted
        }
    }

    /** The address if it is http(s) with a host; a {@link FeedProblem} otherwise. Its addresses are checked when connecting. */
    /**
     * A job source's address as logs show it: scheme, host, port and path. The user name and password of
     * the address and its query (where feed services put access tokens) stay out of logs.
     */
    static String forLog(String url) {
        try {
            URI uri = URI.create(url.strip());
            if (uri.getHost() == null) {
                return "(an address without a host)";
            }
            String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            return uri.getScheme() + "://" + uri.getHost() + port + path;
        } catch (IllegalArgumentException e) {
            return "(an address that is not one)";
        }
    }

    /** An error message with every address in it {@link #forLog shortened} (redirect targets, for example). */
    static String scrubbed(String message) {
        String shortened = message.length() > 2000 ? message.substring(0, 2000) + "…" : message;
        return ADDRESS_IN_TEXT.matcher(shortened).replaceAll("$1$2");
    }

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
        return uri;
    }

    /**
     * Whether an address is on this machine or in a network that is not the public internet: the
     * unspecified, loopback, private, carrier-grade NAT, link-local, benchmarking, multicast and reserved
     * ranges of IPv4, and for IPv6 the unspecified and loopback address, unique-local, link-local,
     * site-local and multicast addresses, and the IPv6 forms that carry an IPv4 address (mapped,
     * compatible, NAT64, 6to4), judged by the IPv4 address they carry.
     */
    static boolean isLocal(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 4) {
            return isLocalV4(b, 0);
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (first == 0xff                                    // ff00::/8 multicast
                || (first & 0xfe) == 0xfc                    // fc00::/7 unique local
                || (first == 0xfe && (second & 0xc0) == 0x80) // fe80::/10 link-local
                || (first == 0xfe && (second & 0xc0) == 0xc0)) { // fec0::/10 site-local (deprecated)
            return true;
        }
        if (zeros(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return isLocalV4(b, 12);                         // ::ffff:a.b.c.d mapped
        }
        if (zeros(b, 0, 12)) {
            return true;                                     // ::, ::1 and the deprecated ::a.b.c.d
        }
        if (first == 0x00 && second == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
            if (zeros(b, 4, 12)) {
                return isLocalV4(b, 12);                     // 64:ff9b::/96 NAT64 of an IPv4 address
            }
            return (b[4] & 0xff) == 0x00 && (b[5] & 0xff) == 0x01; // 64:ff9b:1::/48 local-use NAT64
        }
        if (first == 0x20 && second == 0x02) {
            return isLocalV4(b, 2);                          // 2002::/16 6to4 of an IPv4 address
        }
        return false;
    }

    private static boolean isLocalV4(byte[] b, int at) {
        int a = b[at] & 0xff;
        int c = b[at + 1] & 0xff;
        int d = b[at + 2] & 0xff;
        return a == 0                                        // 0.0.0.0/8 "this network"
                || a == 10                                   // 10/8 private
                || (a == 100 && c >= 64 && c < 128)          // 100.64/10 carrier-grade NAT
                || a == 127                                  // 127/8 loopback
                || (a == 169 && c == 254)                    // 169.254/16 link-local (cloud metadata)
                || (a == 172 && c >= 16 && c < 32)           // 172.16/12 private
                || (a == 192 && c == 0 && d == 0)            // 192.0.0/24 protocol assignments
                || (a == 192 && c == 168)                    // 192.168/16 private
                || (a == 198 && (c == 18 || c == 19))        // 198.18/15 benchmarking
                || a >= 224;                                 // 224/4 multicast, 240/4 reserved, broadcast
    }

    private static boolean zeros(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static <T extends Throwable> @Nullable T find(@Nullable Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
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
