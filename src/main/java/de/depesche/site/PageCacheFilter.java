package de.depesche.site;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Serves reader pages from memory and answers conditional requests with 304. A page enters the cache
 * only when its handler {@linkplain CacheablePage#mark marked} it, the response is a 200 without
 * cookies, and the request came from an anonymous reader (no session, no credentials).
 */
class PageCacheFilter extends OncePerRequestFilter {

    private static final Set<String> SKIPPED_HEADERS = Set.of(
            "set-cookie", "date", "content-length", "transfer-encoding", "etag", "last-modified",
            "cache-control", "expires", "pragma", "vary", "content-encoding");
    private static final List<String> UNCACHED_PREFIXES = List.of(
            "/admin", "/api/", "/actuator", "/media/", "/css/", "/fonts/", "/js/", "/error", "/abo/");
    private static final int GZIP_MIN_BYTES = 1024;

    private final PageCache cache;
    private final String cacheControl;
    private final Counter hits;
    private final Counter misses;

    PageCacheFilter(PageCache cache, SiteProperties properties, MeterRegistry meters) {
        this.cache = cache;
        this.cacheControl = "public, max-age=" + properties.pageCache().maxAge().toSeconds()
                + ", stale-while-revalidate=300";
        this.hits = Counter.builder("depesche.page.cache").tag("result", "hit").register(meters);
        this.misses = Counter.builder("depesche.page.cache").tag("result", "miss").register(meters);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!cache.enabled() || !eligible(request)) {
            chain.doFilter(request, response);
            return;
        }
        String key = key(request);
        PageCache.CachedPage page = cache.get(key);
        if (page != null) {
            hits.increment();
            serve(request, response, page, true);
            return;
        }
        if (!"GET".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        misses.increment();
        ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, wrapper);
        CacheablePage.Mark mark = (CacheablePage.Mark) request.getAttribute(CacheablePage.ATTRIBUTE);
        if (mark == null || wrapper.getStatus() != HttpServletResponse.SC_OK
                || wrapper.getHeader(HttpHeaders.SET_COOKIE) != null || response.isCommitted()) {
            wrapper.copyBodyToResponse();
            return;
        }
        page = build(wrapper, mark);
        cache.put(key, page);
        wrapper.resetBuffer();
        serve(request, response, page, false);
    }

    private static boolean eligible(HttpServletRequest request) {
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

    private static String key(HttpServletRequest request) {
        String query = request.getQueryString();
        return query == null ? request.getRequestURI() : request.getRequestURI() + '?' + query;
    }

    private static PageCache.CachedPage build(ContentCachingResponseWrapper wrapper, CacheablePage.Mark mark) {
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
        long lastModified = mark.lastModified() == null ? -1 : mark.lastModified().toEpochMilli() / 1000 * 1000;
        return new PageCache.CachedPage(body, body.length >= GZIP_MIN_BYTES ? gzip(body) : new byte[0],
                "W/\"" + hash(body) + '"', lastModified, List.copyOf(headers), mark.tags());
    }

    private void serve(HttpServletRequest request, HttpServletResponse response, PageCache.CachedPage page,
                       boolean replayHeaders) throws IOException {
        if (replayHeaders) {
            page.headers().forEach(h -> response.addHeader(h.getKey(), h.getValue()));
        }
        response.setHeader(HttpHeaders.ETAG, page.etag());
        response.setHeader(HttpHeaders.CACHE_CONTROL, cacheControl);
        response.setHeader(HttpHeaders.VARY, "Accept-Encoding");
        if (page.lastModified() >= 0) {
            response.setDateHeader(HttpHeaders.LAST_MODIFIED, page.lastModified());
        }
        if (notModified(request, page)) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        boolean gzip = page.gzipped().length > 0 && acceptsGzip(request);
        byte[] bytes = gzip ? page.gzipped() : page.body();
        if (gzip) {
            response.setHeader(HttpHeaders.CONTENT_ENCODING, "gzip");
        }
        response.setContentLength(bytes.length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(bytes);
        }
    }

    private static boolean notModified(HttpServletRequest request, PageCache.CachedPage page) {
        String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch != null) {
            String bare = page.etag().substring(2);
            for (String tag : ifNoneMatch.split(",")) {
                String t = tag.strip();
                if (t.equals("*") || t.equals(page.etag()) || t.equals(bare)) {
                    return true;
                }
            }
            return false;
        }
        if (page.lastModified() >= 0) {
            try {
                long since = request.getDateHeader(HttpHeaders.IF_MODIFIED_SINCE);
                return since >= 0 && page.lastModified() <= since;
            } catch (IllegalArgumentException malformedDate) {
                return false;
            }
        }
        return false;
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
