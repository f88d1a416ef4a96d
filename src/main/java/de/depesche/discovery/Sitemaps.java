package de.depesche.discovery;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import de.depesche.article.ArticleManagement;
import de.depesche.article.ArticleTeaser;
import de.depesche.article.PublishedPath;
import de.depesche.job.JobAddress;
import de.depesche.job.JobListings;
import de.depesche.site.SiteProperties;
import de.depesche.site.SiteSettings;
import de.depesche.site.SiteSettingsService;
import de.depesche.site.Slugify;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Writes the sitemap index, the paginated sitemaps (pages, articles, categories, tags, jobs) and the
 * Google News sitemap. Every {@code lastmod} is the last change readers can see on that page.
 */
@Component
class Sitemaps {

    static final String NS = "http://www.sitemaps.org/schemas/sitemap/0.9";
    static final String NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9";
    static final Duration NEWS_WINDOW = Duration.ofHours(48);
    static final int NEWS_MAX = 1000;
    static final List<String> KINDS = List.of("pages", "articles", "categories", "tags", "jobs");
    /** The protocol's limits for one sitemap: 50,000 addresses and 50 MB (52,428,800 bytes) uncompressed. */
    static final int MAX_URLS = 50_000;
    static final long MAX_BYTES = 50L * 1024 * 1024;
    /**
     * The longest path a sitemap lists: a category page, "/kategorie/" and a slug of at most
     * {@value Slugify#MAX_LENGTH} characters [a-z0-9-] (articles "/" and tags "/tag/" have shorter
     * prefixes, jobs "/jobs/" and at most 19 digits).
     */
    static final int LONGEST_PATH = "/kategorie/".length() + Slugify.MAX_LENGTH;
    /** A W3C datetime as written here, the longest form: 2025-01-10T09:30:00+01:00. */
    private static final int LASTMOD_LENGTH = "2025-01-10T09:30:00+01:00".length();

    record Entry(String path, Instant lastModified) {}

    private final ArticleManagement articles;
    private final JobListings jobs;
    private final SiteProperties site;
    private final SiteSettingsService settings;
    private final Clock clock;
    private final int pageSize;
    private final XMLOutputFactory xml = XMLOutputFactory.newDefaultFactory();

    @Autowired
    Sitemaps(ArticleManagement articles, JobListings jobs, SiteProperties site, SiteSettingsService settings, Clock clock,
             DiscoveryProperties.Sitemap properties) {
        this.articles = articles;
        this.jobs = jobs;
        this.site = site;
        this.settings = settings;
        this.clock = clock;
        this.pageSize = urlsPerSitemap(properties.pageSize(), site.baseUrl());
    }

    /**
     * How many addresses one sitemap holds so that it can never pass 50 MB. Every entry is
     * {@code <url><loc>BASE PATH</loc><lastmod>DATE</lastmod></url>}: 41 bytes of markup, at most 25 of
     * date, at most {@value #LONGEST_PATH} of path (ASCII) and the base URL as written (escaped, UTF-8).
     * With a base URL of up to about 850 bytes, 50,000 such entries stay below 52,428,800 bytes
     * (50,000 × 1,048 = 52,400,000 plus the envelope); only a longer base URL makes a sitemap hold
     * fewer addresses, never a bigger file.
     */
    static int urlsPerSitemap(int wanted, String baseUrl) {
        long byBytes = (MAX_BYTES - envelopeBytes()) / longestEntryBytes(baseUrl);
        return (int) Math.max(1, Math.min(Math.min(wanted, MAX_URLS), byBytes));
    }

    /** The bytes of the longest entry a sitemap of this site can have. */
    static long longestEntryBytes(String baseUrl) {
        String base = baseUrl.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        return ("<url><loc>" + base + "</loc><lastmod>" + "</lastmod></url>").getBytes(StandardCharsets.UTF_8).length
                + (long) LONGEST_PATH + LASTMOD_LENGTH;
    }

    /** The bytes around the entries: XML declaration, urlset with its namespace. */
    static long envelopeBytes() {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><urlset xmlns=\"" + NS + "\"></urlset>")
                .getBytes(StandardCharsets.UTF_8).length;
    }

    int pageSize() {
        return pageSize;
    }

    private long count(String kind) {
        return switch (kind) {
            case "pages" -> 1;
            case "articles" -> articles.publishedCount();
            case "categories" -> articles.categoryPaths().size();
            case "tags" -> articles.tagPathCount();
            case "jobs" -> jobs.currentCount();
            default -> 0;
        };
    }

    private List<Entry> entries(String kind, int offset, int limit) {
        return switch (kind) {
            case "pages" -> pages();
            case "articles" -> paths(articles.publishedPaths(offset, limit));
            case "categories" -> paths(slice(articles.categoryPaths(), offset, limit));
            case "tags" -> paths(articles.tagPaths(offset, limit));
            case "jobs" -> jobs.currentAddresses(offset, limit).stream()
                    .map((JobAddress j) -> new Entry(j.path(), j.lastModified())).toList();
            default -> List.of();
        };
    }

    private List<Entry> pages() {
        List<Entry> pages = new ArrayList<>();
        pages.add(new Entry("/", articles.lastPublishedChange().orElse(Instant.EPOCH)));
        if (jobs.currentCount() > 0) {
            pages.add(new Entry("/jobs", jobs.lastChange().orElse(Instant.EPOCH)));
        }
        return pages;
    }

    private static List<Entry> paths(List<PublishedPath> paths) {
        return paths.stream().map(p -> new Entry(p.path(), p.lastModified())).toList();
    }

    private static <T> List<T> slice(List<T> all, int offset, int limit) {
        return offset >= all.size() ? List.of() : all.subList(offset, Math.min(all.size(), offset + limit));
    }

    private int pages(String kind) {
        long count = count(kind);
        return (int) ((count + pageSize - 1) / pageSize);
    }

    /**
     * Each sitemap with the last change of the pages it lists; kinds without pages are left out. One
     * query per sitemap asks for its newest change; the entries themselves are not loaded (categories,
     * a short list, come in one query for all).
     */
    Map<String, Instant> parts() {
        Map<String, Instant> parts = new LinkedHashMap<>();
        List<PublishedPath> categories = null;
        for (String kind : KINDS) {
            int pages = pages(kind);
            for (int page = 1; page <= pages; page++) {
                int offset = (page - 1) * pageSize;
                Optional<Instant> newest = switch (kind) {
                    case "pages" -> pages().stream().map(Entry::lastModified).max(Instant::compareTo);
                    case "articles" -> articles.newestPublishedChange(offset, pageSize);
                    case "categories" -> {
                        if (categories == null) {
                            categories = articles.categoryPaths();
                        }
                        yield slice(categories, offset, pageSize).stream().map(PublishedPath::lastModified).max(Instant::compareTo);
                    }
                    case "tags" -> articles.newestTagChange(offset, pageSize);
                    case "jobs" -> jobs.newestChangeOfCurrent(offset, pageSize);
                    default -> Optional.empty();
                };
                if (newest.isPresent()) {
                    parts.put("/sitemap-" + kind + "-" + page + ".xml", newest.get());
                }
            }
        }
        return parts;
    }

    String index() {
        return write(w -> {
            w.writeStartElement("sitemapindex");
            w.writeDefaultNamespace(NS);
            for (Map.Entry<String, Instant> part : parts().entrySet()) {
                w.writeStartElement("sitemap");
                element(w, "loc", site.url(part.getKey()));
                element(w, "lastmod", w3c(part.getValue()));
                w.writeEndElement();
            }
            w.writeEndElement();
        });
    }

    /** One sitemap, or empty when there is no such page. */
    Optional<String> sitemap(String kind, int page) {
        if (!KINDS.contains(kind) || page < 1 || page > pages(kind)) {
            return Optional.empty();
        }
        List<Entry> entries = entries(kind, (page - 1) * pageSize, pageSize);
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(urlset(entries));
    }

    String urlset(List<Entry> entries) {
        return write(w -> {
            w.writeStartElement("urlset");
            w.writeDefaultNamespace(NS);
            for (Entry e : entries) {
                w.writeStartElement("url");
                element(w, "loc", site.url(e.path()));
                element(w, "lastmod", w3c(e.lastModified()));
                w.writeEndElement();
            }
            w.writeEndElement();
        });
    }

    /** The last change of anything in one sitemap, for Last-Modified. */
    @Nullable Instant lastModified(String kind) {
        return switch (kind) {
            case "jobs" -> jobs.lastChange().orElse(null);
            default -> articles.lastPublishedChange().orElse(null);
        };
    }

    /** Articles published in the last 48 hours, as Google News wants them. */
    String news() {
        SiteSettings s = settings.current();
        List<ArticleTeaser> recent = articles.publishedSince(clock.instant().minus(NEWS_WINDOW), NEWS_MAX);
        return write(w -> {
            w.writeStartElement("urlset");
            w.writeDefaultNamespace(NS);
            w.writeNamespace("news", NEWS_NS);
            for (ArticleTeaser a : recent) {
                w.writeStartElement("url");
                element(w, "loc", site.url(a.path()));
                w.writeStartElement(NEWS_NS, "news");
                w.writeStartElement(NEWS_NS, "publication");
                w.writeStartElement(NEWS_NS, "name");
                w.writeCharacters(s.siteName());
                w.writeEndElement();
                w.writeStartElement(NEWS_NS, "language");
                w.writeCharacters(s.language());
                w.writeEndElement();
                w.writeEndElement();
                w.writeStartElement(NEWS_NS, "publication_date");
                w.writeCharacters(w3c(a.publishedAt() == null ? a.updatedAt() : a.publishedAt()));
                w.writeEndElement();
                w.writeStartElement(NEWS_NS, "title");
                w.writeCharacters(a.title());
                w.writeEndElement();
                w.writeEndElement();
                w.writeEndElement();
            }
            w.writeEndElement();
        });
    }

    /** W3C Datetime with the site's offset, to the second: 2025-01-10T09:30:00+01:00. */
    String w3c(Instant instant) {
        ZoneId zone = site.timeZone();
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.truncatedTo(ChronoUnit.SECONDS).atZone(zone));
    }

    private interface Body {
        void write(XMLStreamWriter w) throws XMLStreamException;
    }

    private String write(Body body) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = xml.createXMLStreamWriter(out);
            w.setPrefix("news", NEWS_NS);
            w.writeStartDocument("UTF-8", "1.0");
            body.write(w);
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("could not write a sitemap", e);
        }
        return out.toString();
    }

    private static void element(XMLStreamWriter w, String name, String text) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(text);
        w.writeEndElement();
    }
}
