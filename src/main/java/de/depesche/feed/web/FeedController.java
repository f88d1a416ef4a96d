package de.depesche.feed.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import de.depesche.feed.FeedContent;
import de.depesche.feed.FeedFormat;
import de.depesche.feed.FeedManagement;
import de.depesche.site.CacheablePage;
import de.depesche.site.NotFound;
import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.util.UriUtils;

/**
 * Every feed address. Each feed exists in three formats: RSS at its address, Atom at
 * {@code …/atom}, JSON Feed at {@code ….json}. Query strings are ignored (the page cache keys feeds
 * without them), so {@code /feed?utm_source=x} is the same feed as {@code /feed}.
 *
 * <p>Addresses that lead nowhere answer 404 with one line of plain text in the site's language, not
 * the HTML error page: feed clients keep polling dead addresses for years, and a small, cheap answer
 * with a real status serves them (and the people who read their error logs) best.
 */
@Controller
class FeedController {

    /** An article slug that cannot be mistaken for the first segment of another reader address. */
    private static final String ARTICLE = "{slug:(?!(?:kategorie|tag|autor|feed)$)[a-z0-9]+(?:-[a-z0-9]+)*}";
    private static final String KIND = "{kind:[a-z0-9-]+}";
    private static final String KEY = "{key:[A-Za-z0-9_-]+}";

    private final FeedManagement feeds;
    private final MessageSource messages;
    private final Clock clock;

    FeedController(FeedManagement feeds, MessageSource messages, Clock clock) {
        this.feeds = feeds;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping({"/feed", "/feed/atom", "/feed.json"})
    ResponseEntity<byte[]> site(HttpServletRequest request) {
        return answer(feeds.site(), request);
    }

    @GetMapping({"/kategorie/{slug}/feed", "/kategorie/{slug}/feed/atom", "/kategorie/{slug}/feed.json"})
    ResponseEntity<byte[]> category(@PathVariable String slug, HttpServletRequest request) {
        return answer(require(feeds.category(slug), "category " + slug), request);
    }

    @GetMapping({"/tag/{slug}/feed", "/tag/{slug}/feed/atom", "/tag/{slug}/feed.json"})
    ResponseEntity<byte[]> tag(@PathVariable String slug, HttpServletRequest request) {
        return answer(require(feeds.tag(slug), "tag " + slug), request);
    }

    @GetMapping({"/autor/{slug}/feed", "/autor/{slug}/feed/atom", "/autor/{slug}/feed.json"})
    ResponseEntity<byte[]> author(@PathVariable String slug, HttpServletRequest request) {
        return answer(require(feeds.author(slug), "author " + slug), request);
    }

    @GetMapping({"/" + ARTICLE + "/feed", "/" + ARTICLE + "/feed/atom", "/" + ARTICLE + "/feed.json"})
    ResponseEntity<byte[]> similarNews(@PathVariable String slug, HttpServletRequest request) {
        return article(feeds.similarNews(slug), slug, request);
    }

    @GetMapping({"/" + ARTICLE + "/kommentare/feed", "/" + ARTICLE + "/kommentare/feed/atom",
            "/" + ARTICLE + "/kommentare/feed.json"})
    ResponseEntity<byte[]> comments(@PathVariable String slug, HttpServletRequest request) {
        return article(feeds.comments(slug), slug, request);
    }

    @GetMapping({"/feed/" + KIND + "/" + KEY, "/feed/" + KIND + "/" + KEY + "/atom", "/feed/" + KIND + "/" + KEY + ".json"})
    ResponseEntity<byte[]> contributed(@PathVariable String kind, @PathVariable String key, HttpServletRequest request) {
        return answer(require(feeds.contributed(kind, key), "feed " + kind), request);
    }

    @ExceptionHandler(NotFound.class)
    ResponseEntity<String> missing() {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .body(messages.getMessage("feed.notFound", null, feeds.locale()) + "\n");
    }

    private ResponseEntity<byte[]> article(FeedManagement.ArticleFeed lookup, String slug, HttpServletRequest request) {
        return switch (lookup) {
            case FeedManagement.ArticleFeed.Found(FeedContent feed) -> answer(feed, request);
            case FeedManagement.ArticleFeed.Moved(String rssPath) -> ResponseEntity.status(HttpStatus.MOVED_PERMANENTLY)
                    .header(HttpHeaders.LOCATION, UriUtils.encodePath(format(request).path(rssPath), StandardCharsets.UTF_8))
                    .build();
            case FeedManagement.ArticleFeed.Missing() -> throw new NotFound("article feed " + slug);
        };
    }

    private ResponseEntity<byte[]> answer(FeedContent feed, HttpServletRequest request) {
        FeedFormat format = format(request);
        byte[] body = feeds.write(feed, format);
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(format.mediaType() + ";charset=UTF-8"));
        if (feed.isPublic()) {
            // The page cache answers conditional requests. Last-Modified is the time of rendering: a
            // feed is rendered again after every change that touches it, and unlike the newest item's
            // date this time also moves forward when an item disappears (a withdrawn article).
            CacheablePage.mark(request, clock.instant(), feed.cacheTags().toArray(String[]::new));
            return ok.body(body);
        }
        // A private feed (a reader's subscription): rendered per request, validated by its ETag,
        // kept by nobody but the reader's own client, and kept out of search engines.
        return ok.eTag(etag(body))
                .cacheControl(CacheControl.noCache().cachePrivate())
                .header("X-Robots-Tag", "noindex")
                .body(body);
    }

    private static FeedFormat format(HttpServletRequest request) {
        String path = request.getRequestURI();
        if (path.endsWith("/atom")) {
            return FeedFormat.ATOM;
        }
        return path.endsWith(".json") ? FeedFormat.JSON : FeedFormat.RSS;
    }

    private static FeedContent require(Optional<FeedContent> feed, String what) {
        return feed.orElseThrow(() -> new NotFound(what));
    }

    private static String etag(byte[] body) {
        try {
            return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body), 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
