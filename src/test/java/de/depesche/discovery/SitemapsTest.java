package de.depesche.discovery;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import de.depesche.article.Article;
import de.depesche.article.ArticleManagement;
import de.depesche.job.EmploymentType;
import de.depesche.job.JobDraft;
import de.depesche.job.JobListing;
import de.depesche.job.JobListings;
import de.depesche.site.SiteProperties;
import de.depesche.site.SiteSettingsService;
import de.depesche.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import static org.assertj.core.api.Assertions.assertThat;

/** robots.txt and the sitemaps, checked against the sitemap and Google News protocols. */
class SitemapsTest extends IntegrationTest {

    @Autowired
    ArticleManagement articles;

    @Autowired
    JobListings jobs;

    @Autowired
    SiteProperties site;

    @Autowired
    SiteSettingsService settings;

    @Autowired
    Clock clock;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    /** Parses namespace-aware, without DTDs; a sitemap that is not well-formed fails here. */
    static Document xml(String text) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder().parse(new InputSource(new StringReader(text)));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage() + "\n" + text, e);
        }
    }

    static List<String> texts(Document d, String namespace, String name) {
        NodeList nodes = d.getElementsByTagNameNS(namespace, name);
        List<String> result = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            result.add(nodes.item(i).getTextContent());
        }
        return result;
    }

    private HttpResponse<String> xmlResponse(String path) {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).as(path).startsWith("application/xml");
        return response;
    }

    @Test
    void robotsTxtNamesTheSitemapsWithAbsoluteAddresses() {
        HttpResponse<String> robots = get("/robots.txt");
        assertThat(robots.statusCode()).isEqualTo(200);
        assertThat(robots.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(robots.body()).contains("User-agent: *", "Disallow: /admin/", "Disallow: /go/",
                "Sitemap: http://localhost:8080/sitemap.xml", "Sitemap: http://localhost:8080/sitemap-news.xml");
    }

    @Test
    void theIndexListsEverySitemapWithATrueLastmodAndEachFollowsTheProtocol() {
        data.category("Technik");
        Article a = data.published(unique("Sitemap-Artikel"), "BONN", "Text.", "technik");
        Article draft = data.draft(unique("Sitemap-Entwurf"));

        Document index = xml(xmlResponse("/sitemap.xml").body());
        assertThat(index.getDocumentElement().getLocalName()).isEqualTo("sitemapindex");
        assertThat(index.getDocumentElement().getNamespaceURI()).isEqualTo(Sitemaps.NS);
        List<String> locs = texts(index, Sitemaps.NS, "loc");
        List<String> lastmods = texts(index, Sitemaps.NS, "lastmod");
        assertThat(locs).contains("http://localhost:8080/sitemap-articles-1.xml", "http://localhost:8080/sitemap-categories-1.xml",
                "http://localhost:8080/sitemap-pages-1.xml");
        assertThat(lastmods).hasSameSizeAs(locs).allSatisfy(SitemapsTest::isW3cDatetime);

        List<String> all = new ArrayList<>();
        for (String loc : locs) {
            Document sitemap = xml(xmlResponse(loc.substring("http://localhost:8080".length())).body());
            assertThat(sitemap.getDocumentElement().getLocalName()).isEqualTo("urlset");
            assertThat(sitemap.getDocumentElement().getNamespaceURI()).isEqualTo(Sitemaps.NS);
            List<String> urls = texts(sitemap, Sitemaps.NS, "loc");
            assertThat(urls).hasSizeBetween(1, 50_000).allSatisfy(u -> assertThat(u).startsWith("http://localhost:8080/"));
            assertThat(texts(sitemap, Sitemaps.NS, "lastmod")).hasSameSizeAs(urls).allSatisfy(SitemapsTest::isW3cDatetime);
            all.addAll(urls);
        }
        assertThat(all).contains("http://localhost:8080" + a.path(), "http://localhost:8080/kategorie/technik")
                .doesNotContain("http://localhost:8080" + draft.path()).doesNotHaveDuplicates();

        Document articlesMap = xml(get("/sitemap-articles-1.xml").body());
        Element entry = urlEntry(articlesMap, "http://localhost:8080" + a.path());
        assertThat(OffsetDateTime.parse(entry.getElementsByTagNameNS(Sitemaps.NS, "lastmod").item(0).getTextContent()).toInstant())
                .isEqualTo(articles.find(a.id()).orElseThrow().updatedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    @Test
    void theIndexLastmodOfEverySitemapIsTheNewestLastmodInIt() {
        data.published(unique("Frisch für den Index"));
        Document index = xml(xmlResponse("/sitemap.xml").body());
        NodeList parts = index.getElementsByTagNameNS(Sitemaps.NS, "sitemap");
        assertThat(parts.getLength()).isPositive();
        for (int i = 0; i < parts.getLength(); i++) {
            Element part = (Element) parts.item(i);
            String loc = part.getElementsByTagNameNS(Sitemaps.NS, "loc").item(0).getTextContent();
            String lastmod = part.getElementsByTagNameNS(Sitemaps.NS, "lastmod").item(0).getTextContent();
            List<String> inside = texts(xml(xmlResponse(loc.substring("http://localhost:8080".length())).body()), Sitemaps.NS, "lastmod");
            java.time.Instant newest = inside.stream().map(t -> OffsetDateTime.parse(t).toInstant()).max(java.time.Instant::compareTo)
                    .orElseThrow();
            assertThat(OffsetDateTime.parse(lastmod).toInstant()).as(loc).isEqualTo(newest);
        }
    }

    @Test
    void theJobsSitemapListsOnlyCurrentJobsWithTheirLastChange() {
        JobListing current = jobs.create(new JobDraft(unique("Stelle in der Sitemap"), "Kartenverlag", List.of("Kiel"), false,
                EmploymentType.FULL_TIME, "<p>Karten</p>", "https://jobs.example.org/karte", null, LocalDate.now().plusDays(10)),
                data.admin());
        JobListing ended = jobs.create(new JobDraft(unique("Beendete Stelle"), "Kartenverlag", List.of("Kiel"), false,
                EmploymentType.FULL_TIME, "<p>Vorbei</p>", "https://jobs.example.org/vorbei", null, LocalDate.now().plusDays(10)),
                data.admin());
        jdbc.sql("update job_listing set valid_through = :past where id = :id")
                .param("past", java.sql.Timestamp.from(clock.instant().minusSeconds(60))).param("id", ended.id()).update();

        assertThat(texts(xml(get("/sitemap.xml").body()), Sitemaps.NS, "loc")).contains("http://localhost:8080/sitemap-jobs-1.xml");
        Document jobsMap = xml(xmlResponse("/sitemap-jobs-1.xml").body());
        List<String> locs = texts(jobsMap, Sitemaps.NS, "loc");
        assertThat(locs).contains("http://localhost:8080" + current.path()).doesNotContain("http://localhost:8080" + ended.path());
        Element entry = urlEntry(jobsMap, "http://localhost:8080" + current.path());
        assertThat(OffsetDateTime.parse(entry.getElementsByTagNameNS(Sitemaps.NS, "lastmod").item(0).getTextContent()).toInstant())
                .isEqualTo(current.updatedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        assertThat(locs).hasSize((int) jobs.currentCount());
    }

    @Test
    void aCategoryLastmodIsTheNewestChangeOfItsPublishedArticles() {
        String name = "Karte " + Long.toString(System.nanoTime(), 36);
        de.depesche.article.Category category = data.category(name);
        Article older = data.published(unique("Älter in der Kategorie"), "KIEL", "Text.", category.slug());
        Article newer = data.published(unique("Neuer in der Kategorie"), "KIEL", "Text.", category.slug());
        Article edited = articles.update(older.id(), articles.find(older.id()).orElseThrow().version(),
                new de.depesche.article.ArticleDraft(older.title() + " (ergänzt)", null, older.dateline(), older.lead(),
                        older.bodyMarkdown(), List.of(category.slug()), List.of(), null, null, null, null, null), data.admin());
        assertThat(edited.updatedAt()).isAfter(newer.updatedAt());
        Document categories = xml(xmlResponse("/sitemap-categories-1.xml").body());
        Element entry = urlEntry(categories, "http://localhost:8080/kategorie/" + category.slug());
        assertThat(OffsetDateTime.parse(entry.getElementsByTagNameNS(Sitemaps.NS, "lastmod").item(0).getTextContent()).toInstant())
                .isEqualTo(edited.updatedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    @Test
    void noSitemapCanPassFiftyMegabytesHoweverLongItsAddressesAre() {
        assertThat(Sitemaps.urlsPerSitemap(50_000, "https://www.depesche.example")).isEqualTo(50_000);
        assertThat(Sitemaps.urlsPerSitemap(80_000, "https://www.depesche.example")).as("the protocol's limit").isEqualTo(50_000);
        String longBase = "https://" + "sehr-lange-adresse.".repeat(150) + "example/und/ein/pfad";
        int perSitemap = Sitemaps.urlsPerSitemap(50_000, longBase);
        assertThat(perSitemap).isLessThan(50_000).isPositive();
        assertThat(Sitemaps.envelopeBytes() + perSitemap * Sitemaps.longestEntryBytes(longBase)).isLessThanOrEqualTo(Sitemaps.MAX_BYTES);

        // The bound is true: a sitemap of the longest possible entries is no larger than it says.
        SiteProperties longSite = new SiteProperties(site.dataDir(), longBase, java.time.ZoneId.of("Asia/Kathmandu"), site.pageCache());
        Sitemaps sitemaps = new Sitemaps(articles, jobs, longSite, settings, clock, new DiscoveryProperties.Sitemap(50_000));
        assertThat(sitemaps.pageSize()).isEqualTo(perSitemap);
        String longestPath = "/kategorie/" + "a".repeat(de.depesche.site.Slugify.MAX_LENGTH);
        List<Sitemaps.Entry> entries = java.util.Collections.nCopies(1000, new Sitemaps.Entry(longestPath, clock.instant()));
        int bytes = sitemaps.urlset(entries).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        assertThat((long) bytes).isLessThanOrEqualTo(Sitemaps.envelopeBytes() + 1000 * Sitemaps.longestEntryBytes(longBase));
        assertThat((long) bytes).isGreaterThan(Sitemaps.envelopeBytes() + 1000 * (Sitemaps.longestEntryBytes(longBase) - 1));
    }

    @Test
    void tagPagesThatAreNoindexStayOutOfTheSitemap() {
        data.published(unique("Mit Testthema 1"));
        data.published(unique("Mit Testthema 2"));
        String lonely = unique("Einzelthema");
        Article a = articles.create(new de.depesche.article.ArticleDraft(unique("Mit Einzelthema"), null, "KIEL", "Vorspann", "Text.",
                List.of(), List.of(lonely), null, null, null, null, null), data.admin());
        articles.publish(a.id(), data.admin());
        String tagPath = "http://localhost:8080/tag/" + de.depesche.site.Slugify.slugify(lonely);
        List<String> all = new ArrayList<>();
        for (String loc : texts(xml(get("/sitemap.xml").body()), Sitemaps.NS, "loc")) {
            all.addAll(texts(xml(get(loc.substring(21)).body()), Sitemaps.NS, "loc"));
        }
        assertThat(all).doesNotContain(tagPath).contains("http://localhost:8080/tag/testthema");
    }

    @Test
    void sitemapsArePaginatedAndUnknownPagesAnswer404() {
        for (int i = 0; i < 3; i++) {
            data.published(unique("Paginiert " + i));
        }
        Sitemaps small = new Sitemaps(articles, jobs, site, settings, clock, new DiscoveryProperties.Sitemap(2));
        long published = articles.publishedCount();
        long pages = (published + 1) / 2;
        List<String> parts = small.parts().keySet().stream().filter(p -> p.startsWith("/sitemap-articles-")).toList();
        assertThat(parts).hasSize((int) pages);
        List<String> urls = new ArrayList<>();
        for (int page = 1; page <= pages; page++) {
            List<String> onPage = texts(xml(small.sitemap("articles", page).orElseThrow()), Sitemaps.NS, "loc");
            assertThat(onPage).hasSizeBetween(1, 2);
            urls.addAll(onPage);
        }
        assertThat(urls).hasSize((int) published).doesNotHaveDuplicates();
        assertThat(small.sitemap("articles", (int) pages + 1)).isEmpty();
        assertThat(get("/sitemap-articles-999.xml").statusCode()).isEqualTo(404);
        assertThat(get("/sitemap-unsinn-1.xml").statusCode()).isEqualTo(404);
        assertThat(get("/sitemap-articles-0.xml").statusCode()).isEqualTo(404);
    }

    @Test
    void theNewsSitemapHasTheLast48HoursWithPublicationLanguageTitleAndDate() {
        Article fresh = data.published(unique("Eilmeldung <&> aus Brüssel"));
        Article draft = data.draft(unique("Noch geheim"));
        HttpResponse<String> response = xmlResponse("/sitemap-news.xml");
        Document news = xml(response.body());
        assertThat(news.getDocumentElement().getNamespaceURI()).isEqualTo(Sitemaps.NS);
        Element entry = urlEntry(news, "http://localhost:8080" + fresh.path());
        Element n = (Element) entry.getElementsByTagNameNS(Sitemaps.NEWS_NS, "news").item(0);
        assertThat(n.getElementsByTagNameNS(Sitemaps.NEWS_NS, "name").item(0).getTextContent()).isEqualTo("Depesche");
        assertThat(n.getElementsByTagNameNS(Sitemaps.NEWS_NS, "language").item(0).getTextContent()).isEqualTo("de");
        assertThat(n.getElementsByTagNameNS(Sitemaps.NEWS_NS, "title").item(0).getTextContent()).isEqualTo(fresh.title());
        String date = n.getElementsByTagNameNS(Sitemaps.NEWS_NS, "publication_date").item(0).getTextContent();
        isW3cDatetime(date);
        assertThat(texts(news, Sitemaps.NS, "loc")).doesNotContain("http://localhost:8080" + draft.path()).hasSizeLessThanOrEqualTo(1000);

        Article old = articles.importPublished(data.draft(unique("Alte Meldung"), "ROM", "Text."), data.admin().id(),
                clock.instant().minus(java.time.Duration.ofHours(49)), data.admin());
        assertThat(texts(xml(get("/sitemap-news.xml").body()), Sitemaps.NS, "loc")).doesNotContain("http://localhost:8080" + old.path());
    }

    private static Element urlEntry(Document d, String loc) {
        NodeList urls = d.getElementsByTagNameNS(Sitemaps.NS, "url");
        for (int i = 0; i < urls.getLength(); i++) {
            Element url = (Element) urls.item(i);
            if (url.getElementsByTagNameNS(Sitemaps.NS, "loc").item(0).getTextContent().equals(loc)) {
                return url;
            }
        }
        throw new AssertionError(loc + " is not in the sitemap");
    }

    private static void isW3cDatetime(String value) {
        assertThat(value).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}([+-]\\d{2}:\\d{2}|Z)");
    }
}
