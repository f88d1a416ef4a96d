package de.depesche.site;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Serves reader pages from memory and answers conditional requests with 304. A page enters the cache
 * only when its handler {@linkplain CacheablePage#mark marked} it, the response is a 200 without
 * cookies, and the request came from an anonymous reader (no session, no credentials). With the cache
 * switched off, marked pages still get their ETag, Last-Modified and Cache-Control and answer 304s:
 * they are only rendered anew for every request.
 *
 * <p>Pages with forms carry a token per delivery; a browser or a CDN may keep one delivery and share
 * it (see {@link FormTokens}). Their ETag therefore names the token period, so a 304 never keeps a
 * copy whose token is older than two periods.
 */
class PageCacheFilter extends OncePerRequestFilter {

    private static final Set<String> SKIPPED_HEADERS = Set.of(
            "set-cookie", "date", "content-length", "transfer-encoding", "etag", "last-modified",
            "cache-control", "expires", "pragma", "vary", "content-encoding");
    private static final List<String> UNCACHED_PREFIXES = List.of(
            "/admin", "/api/", "/actuator", "/media/", "/css/", "/fonts/", "/js/", "/error", "/abo/");
    private static final int GZIP_MIN_BYTES = 1024;
    private static final Set<String> PAGE_PARAMETERS = Set.of("seite", "lang");
    private static final Set<String> SEARCH_PARAMETERS = Set.of("q", "kategorie", "von", "bis", "sortierung", "seite",
            "archiv", "lang");
    private static final Set<String> JOB_BOARD_PARAMETERS = Set.of("ort", "remote", "art", "q", "seite", "lang");
    private static final Set<String> TRACKING_PARAMETERS = Set.of("fbclid", "gclid", "msclkid", "mc_cid", "mc_eid",
            "igshid", "ref", "ref_src", "pk_campaign", "pk_kwd", "pk_source", "pk_medium");
    /** Pages reached through a reader's secret link (its token is the key to their address and subscriptions). */
    private static final List<String> TOKEN_PREFIXES = List.of(
            "/abo/bestaetigen/", "/abo/verwalten/", "/kommentare/benachrichtigung/");
    /** For token pages: no cache, private or shared, keeps them (nor the address they show). */
    static final String TOKEN_CACHE_CONTROL = "private, no-store";
    /** For readers with a session or a private cookie: their pages may show what is theirs alone. */
    static final String PRIVATE_CACHE_CONTROL = "private, no-cache";

    /** Request attribute: the response being rendered is going into the page cache. */
    static final String CACHING = PageCacheFilter.class.getName() + ".CACHING";
    private static final byte[] PLACEHOLDER = FormTokens.PLACEHOLDER.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    private final PageCache cache;
    private final FormTokens formTokens;
    private final Clock clock;
    private final String cacheControl;
    private final Counter hits;
    private final Counter misses;

    PageCacheFilter(PageCache cache, FormTokens formTokens, SiteProperties properties, MeterRegistry meters, Clock clock) {
        this.cache = cache;
        this.formTokens = formTokens;
        this.clock = clock;
        this.cacheControl = "public, max-age=" + properties.pageCache().maxAge().toSeconds()
                + ", stale-while-revalidate=300";
        this.hits = Counter.builder("depesche.page.cache").tag("result", "hit").register(meters);
        this.misses = Counter.builder("depesche.page.cache").tag("result", "miss").register(meters);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (tokenPage(request)) {
            response.setHeader(HttpHeaders.CACHE_CONTROL, TOKEN_CACHE_CONTROL);
            chain.doFilter(request, response);
            return;
        }
        if (!readerPage(request)) {
            chain.doFilter(request, response);
            return;
        }
        if (!anonymous(request)) {
            // Not for shared caches: this reader may see their own pending comment or the newsroom's view.
            response.setHeader(HttpHeaders.CACHE_CONTROL, PRIVATE_CACHE_CONTROL);
            chain.doFilter(request, response);
            return;
        }
        Key cacheKey = key(request);
        String key = cacheKey.value();
        PageCache.CachedPage page = cache.enabled() ? cache.get(key) : null;
        if (page != null) {
            hits.increment();
            serve(request, response, page, true);
            return;
        }
        // HEAD is rendered like GET (RFC 9110: the same header fields, validators and length), without the body.
        if (cache.enabled()) {
            misses.increment();
        }
        ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
        request.setAttribute(CACHING, Boolean.TRUE);
        chain.doFilter(request, wrapper);
        CacheablePage.Mark mark = (CacheablePage.Mark) request.getAttribute(CacheablePage.ATTRIBUTE);
        if (mark == null || wrapper.getStatus() != HttpServletResponse.SC_OK
                || wrapper.getHeader(HttpHeaders.SET_COOKIE) != null || response.isCommitted()) {
            if (indexOf(wrapper.getContentAsByteArray(), PLACEHOLDER, 0) >= 0) {
                // Rendered for the cache but not cacheable after all: its forms still need real tokens.
                byte[] withTokens = withFreshTokens(cut(wrapper.getContentAsByteArray()));
                wrapper.resetBuffer();
                response.setContentLength(withTokens.length);
                response.getOutputStream().write(withTokens);
                return;
            }
            // A handler that answers HEAD itself (static files) sets the length and writes nothing; the wrapper
            // would drop that length along with the empty buffer.
            String announced = wrapper.getHeader(HttpHeaders.CONTENT_LENGTH);
            boolean bodiless = "HEAD".equals(request.getMethod()) && wrapper.getContentSize() == 0;
            wrapper.copyBodyToResponse();
            if (bodiless && announced != null) {
                response.setHeader(HttpHeaders.CONTENT_LENGTH, announced);
            }
            return;
        }
        page = build(key, wrapper, mark);
        if (cache.enabled() && cacheKey.complete()) {
            cache.put(key, page);
        }
        wrapper.resetBuffer();
        serve(request, response, page, false);
    }

    private static boolean tokenPage(HttpServletRequest request) {
        String path = request.getRequestURI();
        for (String prefix : TOKEN_PREFIXES) {
            if (path.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** GET and HEAD requests for reader pages (not the newsroom, the API, static files or personal pages). */
    private static boolean readerPage(HttpServletRequest request) {
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return false;
        }
        if (request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
            return false;
        }
        String path = request.getRequestURI();
        for (String prefix : UNCACHED_PREFIXES) {
            if (path.startsWith(prefix)) {
                return false;
            }
        }
        return true;
    }

    private static boolean anonymous(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                // Staff are signed in through a session; what they see may differ from what readers see.
                if ("SESSION".equals(c.getName()) || "JSESSIONID".equals(c.getName())
                        || c.getName().startsWith("depesche-private")) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The page cache's key for a request: its path and the query parameters its page reads, sorted by
     * name. {@code complete} is false when the request has other parameters too: such a request is
     * served from the copy of the page without them, but a page rendered for it is not kept, so that
     * {@code ?x=1}, {@code ?x=2} … cannot fill the memory with copies.
     */
    static Key key(HttpServletRequest request) {
        String path = request.getRequestURI();
        String query = request.getQueryString();
        if (query == null || query.isEmpty()) {
            return new Key(path, true);
        }
        // Feeds read no query parameters; tracking parameters (?utm_source=…) must not fill the cache with copies.
        Set<String> read = isFeed(path) ? Set.of() : parametersRead(path);
        List<String[]> kept = new ArrayList<>();
        boolean complete = true;
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decoded(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            if (name != null && read.contains(name) && canonical(name, value)) {
                kept.add(new String[] {name, value});
            } else if (name == null || !isTracking(name)) {
                complete = false;
            }
        }
        if (kept.isEmpty()) {
            return new Key(path, complete);
        }
        // Stable sort: the values of a repeated parameter keep their order.
        kept.sort(Comparator.comparing((String[] p) -> p[0]));
        StringBuilder key = new StringBuilder(path).append('?');
        for (int i = 0; i < kept.size(); i++) {
            if (i > 0) {
                key.append('&');
            }
            key.append(URLEncoder.encode(kept.get(i)[0], StandardCharsets.UTF_8)).append('=').append(kept.get(i)[1]);
        }
        return new Key(key.toString(), complete);
    }

    /** A key and whether it stands for everything the request asked. */
    record Key(String value, boolean complete) {}

    /** The query parameters a reader page reads: the page number, the language, and the search and job filters. */
    private static Set<String> parametersRead(String path) {
        return switch (path) {
            case "/suche" -> SEARCH_PARAMETERS;
            case "/jobs" -> JOB_BOARD_PARAMETERS;
            default -> PAGE_PARAMETERS;
        };
    }

    /**
     * Whether a value is written the one way a page's own links write it: {@code seite=2}, not
     * {@code seite=02}; {@code lang} one of the site's languages. Other spellings render the same page
     * (or an error) and would only be more copies.
     */
    private static boolean canonical(String name, String value) {
        return switch (name) {
            case "seite" -> value.matches("[1-9][0-9]{0,5}");
            case "lang" -> SiteSettings.LANGUAGES.contains(value);
            default -> true;
        };
    }

    private static @Nullable String decoded(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    /** Parameters that links from newsletters and social networks add and no page reads. */
    private static boolean isTracking(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.startsWith("utm_") || TRACKING_PARAMETERS.contains(lower);
    }

    /** The feed addresses: /feed, /feed/…, /feed.json and …/feed, …/feed/atom, …/feed.json below a page. */
    static boolean isFeed(String path) {
        return path.equals("/feed") || path.startsWith("/feed/") || path.equals("/feed.json")
                || path.endsWith("/feed") || path.endsWith("/feed/atom") || path.endsWith("/feed.json");
    }

    private PageCache.CachedPage build(String key, ContentCachingResponseWrapper wrapper, CacheablePage.Mark mark) {
        byte[] body = wrapper.getContentAsByteArray();
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (String name : wrapper.getHeaderNames()) {
            if (!SKIPPED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                for (String value : wrapper.getHeaders(name)) {
                    headers.add(Map.entry(name, value));
                }
            }
        }
        if (wrapper.getContentType() != null && headers.stream().noneMatch(h -> h.getKey().equalsIgnoreCase("content-type"))) {
            headers.add(Map.entry(HttpHeaders.CONTENT_TYPE, wrapper.getContentType()));
        }
        String etag = "W/\"" + hash(body) + '"';
        long lastModified = cache.lastModified(key, etag,
                mark.lastModified() == null ? -1 : mark.lastModified().toEpochMilli(), clock.millis());
        // Compressing pays only for a page that is kept; without the cache every request renders anew.
        boolean compress = cache.enabled();
        List<byte[]> plain = cut(body);
        PageCache.FreshParts fresh = plain.size() == 1 ? PageCache.FreshParts.NONE
                : new PageCache.FreshParts(plain, compress ? deflatePieces(plain) : List.of());
        byte[] gzipped = !compress || fresh.present() || body.length < GZIP_MIN_BYTES ? new byte[0] : gzip(body);
        return new PageCache.CachedPage(body, gzipped, fresh, etag, lastModified, List.copyOf(headers), mark.tags());
    }

    /** The page cut at its form-token placeholders (one piece when it has none). */
    private static List<byte[]> cut(byte[] body) {
        List<byte[]> pieces = new ArrayList<>();
        int from = 0;
        for (int at = indexOf(body, PLACEHOLDER, 0); at >= 0; at = indexOf(body, PLACEHOLDER, from)) {
            pieces.add(Arrays.copyOfRange(body, from, at));
            from = at + PLACEHOLDER.length;
        }
        pieces.add(Arrays.copyOfRange(body, from, body.length));
        return pieces;
    }

    private byte[] withFreshTokens(List<byte[]> pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < pieces.size(); i++) {
            if (i > 0) {
                out.writeBytes(formTokens.fresh().getBytes(StandardCharsets.US_ASCII));
            }
            out.writeBytes(pieces.get(i));
        }
        return out.toByteArray();
    }

    /**
     * Each piece compressed on its own into raw DEFLATE blocks that end on a byte boundary, the last
     * one final. Tokens go between them as stored blocks, so a gzip answer is assembled per request
     * without compressing the page again.
     */
    private static List<byte[]> deflatePieces(List<byte[]> pieces) {
        List<byte[]> deflated = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            boolean last = i == pieces.size() - 1;
            Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            try {
                deflater.setInput(pieces.get(i));
                if (last) {
                    deflater.finish();
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] buffer = new byte[8192];
                while (true) {
                    int n = last ? deflater.deflate(buffer) : deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
                    out.write(buffer, 0, n);
                    if (last ? deflater.finished() : n < buffer.length) {
                        break;
                    }
                }
                deflated.add(out.toByteArray());
            } finally {
                deflater.end();
            }
        }
        return deflated;
    }

    private byte[] gzipWithFreshTokens(PageCache.FreshParts fresh, byte[] plain, List<String> tokens) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(GZIP_HEADER);
        for (int i = 0; i < fresh.deflated().size(); i++) {
            if (i > 0) {
                byte[] token = tokens.get(i - 1).getBytes(StandardCharsets.US_ASCII);
                // A stored block: not final, type 00, then LEN and its complement, little-endian.
                out.write(0);
                out.write(token.length & 0xff);
                out.write(token.length >>> 8);
                out.write(~token.length & 0xff);
                out.write((~token.length >>> 8) & 0xff);
                out.writeBytes(token);
            }
            out.writeBytes(fresh.deflated().get(i));
        }
        CRC32 crc = new CRC32();
        crc.update(plain);
        writeIntLe(out, (int) crc.getValue());
        writeIntLe(out, plain.length);
        return out.toByteArray();
    }

    private static void writeIntLe(ByteArrayOutputStream out, int v) {
        out.write(v & 0xff);
        out.write((v >>> 8) & 0xff);
        out.write((v >>> 16) & 0xff);
        out.write((v >>> 24) & 0xff);
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private void serve(HttpServletRequest request, HttpServletResponse response, PageCache.CachedPage page,
                       boolean replayHeaders) throws IOException {
        if (replayHeaders) {
            page.headers().forEach(h -> response.addHeader(h.getKey(), h.getValue()));
        }
        long now = clock.millis();
        String etag = page.etag();
        long lastModified = page.lastModified();
        if (page.fresh().present()) {
            // The tokens in this delivery belong to the current period: a copy from an earlier one is not "the same".
            long period = FormTokens.period(now);
            etag = etag.substring(0, etag.length() - 1) + "-" + period + '"';
            lastModified = Math.max(lastModified, FormTokens.periodStart(period));
        }
        response.setHeader(HttpHeaders.ETAG, etag);
        response.setHeader(HttpHeaders.CACHE_CONTROL, cacheControl);
        response.setHeader(HttpHeaders.VARY, "Accept-Encoding");
        // Two versions of a page within one second put the second one's date a second ahead of the clock.
        // It goes out as it is: sending "now" instead would give both versions the same date, and a client
        // asking with If-Modified-Since alone would get a 304 for bytes it has not seen.
        response.setDateHeader(HttpHeaders.LAST_MODIFIED, lastModified);
        if (notModified(request, etag, lastModified)) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        byte[] bytes;
        boolean gzip;
        if (page.fresh().present()) {
            List<String> tokens = new ArrayList<>();
            for (int i = 1; i < page.fresh().plain().size(); i++) {
                tokens.add(formTokens.fresh());
            }
            ByteArrayOutputStream plain = new ByteArrayOutputStream(page.body().length);
            for (int i = 0; i < page.fresh().plain().size(); i++) {
                if (i > 0) {
                    plain.writeBytes(tokens.get(i - 1).getBytes(StandardCharsets.US_ASCII));
                }
                plain.writeBytes(page.fresh().plain().get(i));
            }
            gzip = !page.fresh().deflated().isEmpty() && acceptsGzip(request);
            bytes = gzip ? gzipWithFreshTokens(page.fresh(), plain.toByteArray(), tokens) : plain.toByteArray();
        } else {
            gzip = page.gzipped().length > 0 && acceptsGzip(request);
            bytes = gzip ? page.gzipped() : page.body();
        }
        if (gzip) {
            response.setHeader(HttpHeaders.CONTENT_ENCODING, "gzip");
        }
        response.setContentLength(bytes.length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(bytes);
        }
    }

    private static boolean notModified(HttpServletRequest request, String etag, long lastModified) {
        String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch != null) {
            String bare = etag.substring(2);
            for (String tag : ifNoneMatch.split(",")) {
                String t = tag.strip();
                if (t.equals("*") || t.equals(etag) || t.equals(bare)) {
                    return true;
                }
            }
            return false;
        }
        try {
            long since = request.getDateHeader(HttpHeaders.IF_MODIFIED_SINCE);
            return since >= 0 && lastModified <= since;
        } catch (IllegalArgumentException malformedDate) {
            return false;
        }
    }

    private static boolean acceptsGzip(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT_ENCODING);
        if (accept == null) {
            return false;
        }
        for (String part : accept.toLowerCase(Locale.ROOT).split(",")) {
            String p = part.strip();
            if (p.equals("gzip") || (p.startsWith("gzip;") && !p.replace(" ", "").matches("gzip;q=0(\\.0*)?"))) {
                return true;
            }
        }
        return false;
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 3);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String hash(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
